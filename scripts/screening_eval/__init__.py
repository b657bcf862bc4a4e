"""Builder of the listing-screening evaluation set (eval/screening/): one module per part.

``common`` (constants, the build context, listing helpers), ``pictures`` (drawn product shots and logos),
``context`` (registry, protected pictures, reference prices), one module of case generators per signal
family (``positives``, ``gi_cases``, ``staydown``, ``negatives``, combined in ``cases``), ``tuning`` (extra
tuning-split cases), ``output`` (writing the files and the checks), ``sample`` (the demo sample) and
``main`` (the command line). Run it through scripts/build_screening_eval.py.
"""
