"""Work contact orders (工作联系单): work sent to a department or partner company, and its answer.

A workflow step carrying the ``issue_contact_order`` effect (forward a complaint, dispatch a
repair, reopen …) issues a numbered order (``LX20261123-0001``) addressed to the responsible
department or partner, with the requested action, the time to act (8 working hours) and the
reply deadline (3 days, or the one the form gave). The addressee's handler steps acknowledge it
(start investigating or repairing), answer it (cause and solution, or the repair report) or
cancel it (send the work order back); a new order cancels the previous open one. Handlers and
partner users see only the orders sent to their own department. The app also prints the order
and the complaint's customer opinion form (顾客意见处理单) as PDF.
"""
