# CPython counterpart of logging-error-order.ts.
import logging, sys
fmt = '%(levelname)s:%(nosuch)s' if sys.argv[1:] == ['field'] else '%(levelname)s:%(message)s'
logging.basicConfig(format=fmt)
logging.warning('first')
logging.warning('second %d', 'x')
logging.warning('third')
