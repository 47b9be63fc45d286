"""Work contact orders (工作联系单): work sent to a department or partner, and its answer."""
