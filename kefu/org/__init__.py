"""Organisation (组织架构): departments (internal or partner companies), teams, positions with
job descriptions, staff; and the data scope (数据范围) each user's place in it gives."""
