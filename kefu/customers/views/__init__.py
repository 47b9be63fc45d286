"""Customer pages (客户页面), one module per use case: list and export, detail, create and
edit, import, grade rules, duplicates and merge. Views validate, call one service, render."""
