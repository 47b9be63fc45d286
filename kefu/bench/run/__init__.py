"""Bench runner (压测运行器): ``kefu bench`` serves Kefu as in production and measures it.

``runner`` orchestrates; ``scenarios`` says what each named scenario asks; ``client`` (a
separate process, standard library only) sends it over keep-alive HTTP; ``floor`` and
``floor_capture`` measure each scenario's SQL alone; ``postgres`` runs a private cluster.
"""
