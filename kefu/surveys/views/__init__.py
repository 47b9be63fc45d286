"""Pages of surveys (调查页面): the public answer page and the console."""
