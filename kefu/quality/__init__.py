"""Service quality (服务质量): service errors registered against a work order or a person."""
