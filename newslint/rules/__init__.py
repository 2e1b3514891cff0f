"""Built-in rules, one module per family.

========  =========================  ==============================
prefix    family                     module
========  =========================  ==============================
``ST``    house style                :mod:`newslint.rules.style`
``SP``    spelling and typos         :mod:`newslint.rules.spelling`
``HL``    headlines                  :mod:`newslint.rules.headlines`
``QT``    quotes and attribution     :mod:`newslint.rules.quotes`
========  =========================  ==============================

The hundreds digit belongs to the family: ``ST0xx``, ``SP1xx``, ``HL2xx``, ``QT3xx``.
"""
