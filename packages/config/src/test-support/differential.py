"""CPython side of the config differential: applies each case's configuration(s) in a fresh
logging state, then reports the topology, the lines written to stdout/stderr and the files."""
import io, json, logging, logging.config, logging.handlers, os, sys, types, importlib.util

data = json.loads(sys.stdin.read())
real_stdout, real_stderr = sys.stdout, sys.stderr

# User code of the docs' examples, reachable under the dotted names the examples use.
if data.get('userModule'):
    spec = importlib.util.spec_from_file_location('logweave_user', data['userModule'])
    user = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(user)
    for dotted, attr in data.get('names', {}).items():
        mod_name, _, leaf = dotted.rpartition('.')
        parts = mod_name.split('.')
        for i in range(1, len(parts) + 1):
            name = '.'.join(parts[:i])
            if name not in sys.modules:
                sys.modules[name] = types.ModuleType(name)
                if i > 1:
                    setattr(sys.modules['.'.join(parts[:i - 1])], parts[i - 1], sys.modules[name])
        setattr(sys.modules[mod_name], leaf, getattr(user, attr))

base_factory = logging.getLogRecordFactory()
def factory(*a, **k):
    r = base_factory(*a, **k)
    r.created = 1700000000.25
    r.msecs = 250.0
    r.relativeCreated = 1234.0
    r.thread = 1
    r.threadName = 'MainThread'
    r.process = 42
    r.processName = 'MainProcess'
    return r
logging.setLogRecordFactory(factory)

STYLE = {logging.PercentStyle: '%', logging.StrFormatStyle: '{', logging.StringTemplateStyle: '$'}

def cls_name(o):
    t = type(o)
    return names_rev.get(t) or ('custom:' + t.__qualname__)

names_rev = {}
for mod, prefix in ((logging, 'logging.'), (logging.handlers, 'logging.handlers.')):
    for k, v in vars(mod).items():
        if isinstance(v, type) and v.__module__ == mod.__name__:
            names_rev.setdefault(v, prefix + k)

def filt(f):
    if isinstance(f, logging.Filter) and type(f) is logging.Filter:
        return {'class': 'logging.Filter', 'name': f.name}
    return {'class': 'custom:' + getattr(f, '__name__', type(f).__name__)}

def fmt(f):
    if f is None:
        return None
    return {'class': cls_name(f), 'fmt': f._fmt, 'datefmt': f.datefmt, 'style': STYLE.get(type(f._style), '?')}

def hdesc(h, streams):
    d = {'name': h.name, 'class': cls_name(h), 'level': h.level, 'formatter': fmt(h.formatter),
         'filters': [filt(f) for f in h.filters]}
    if isinstance(h, logging.FileHandler):
        d['file'] = os.path.basename(h.baseFilename)
        d['mode'] = h.mode
    elif isinstance(h, logging.StreamHandler):
        d['stream'] = streams.get(id(h.stream), 'other')
    if isinstance(h, logging.handlers.MemoryHandler):
        d['capacity'] = h.capacity
        d['flushLevel'] = h.flushLevel
        d['target'] = h.target.name if h.target is not None else None
    return d

def reset():
    root = logging.root
    root.handlers.clear(); root.filters.clear(); root.setLevel(logging.WARNING)
    root.disabled = False; root.propagate = True
    logging.Logger.manager.loggerDict.clear()
    logging._handlers.clear()
    del logging._handlerList[:]
    logging.Logger.manager._clear_cache()

out = []
for case in data['cases']:
    reset()
    os.makedirs(case['workdir'], exist_ok=True)
    os.chdir(case['workdir'])
    cout, cerr = io.StringIO(), io.StringIO()
    streams = {id(cout): 'stdout', id(cerr): 'stderr'}
    sys.stdout, sys.stderr = cout, cerr
    result = {'id': case['id']}
    try:
        for name in case.get('preexisting', []):
            logging.getLogger(name)
        try:
            if case['kind'] == 'dict':
                for c in case['configs']:
                    logging.config.dictConfig(c)
            else:
                logging.config.fileConfig(io.StringIO(case['ini']), disable_existing_loggers=case.get('disable_existing', True))
            result['error'] = None
        except Exception as e:
            result['error'] = type(e).__name__ + ': ' + str(e)
        if result['error'] is None:
            names = sorted(set(case['calls']) | set(case.get('preexisting', [])))
            md = logging.Logger.manager.loggerDict
            topo = {'root': None, 'loggers': {}}
            def ldesc(l):
                return {'level': l.level, 'propagate': bool(l.propagate), 'disabled': bool(l.disabled),
                        'handlers': [hdesc(h, streams) for h in l.handlers], 'filters': [filt(f) for f in l.filters]}
            topo['root'] = ldesc(logging.root)
            for n in names:
                l = md.get(n)
                if isinstance(l, logging.Logger):
                    topo['loggers'][n] = ldesc(l)
            result['topology'] = topo
            for i, n in enumerate(case['calls']):
                lg = logging.getLogger(n if n != 'root' else None)
                for lv in (10, 20, 30, 40, 50):
                    lg.log(lv, 'call %d at %s from %s', i, logging.getLevelName(lv), n)
            logging.shutdown()
            result['stdout'] = cout.getvalue()
            result['stderr'] = cerr.getvalue()
            files = {}
            for fn in sorted(os.listdir('.')):
                with open(fn, encoding='utf-8', errors='replace') as fh:
                    files[fn] = fh.read()
            result['files'] = files
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr
    out.append(result)
sys.stdout.write(json.dumps(out))
