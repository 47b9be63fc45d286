"""KPIs (考核指标): the formulas, their aggregation and the records behind each figure."""
