"""Finds the modules an app needs (its import DAG) and compiles them, for the freeze plugin.

Run with the runtime kit's native python (same version and bytecode as the wasm interpreter):
    python3.13 freeze_modules.py CONFIG.json OUT_DIR
CONFIG: {"roots": [...], "stdlib": DIR, "entries": [...], "include": [...], "exclude": [...],
         "optimize": 0|1|2, "source": bool, "all_stdlib": bool}
Writes OUT_DIR/manifest.json and one OUT_DIR/<n>.bin per module (marshalled code, or UTF-8 source).
Exit code 2 with a one-line message on stderr for user errors (a listed module that does not exist, bad syntax).

The DAG follows import statements anywhere in the app's modules (functions included, since they may run later),
plus importlib.import_module("literal") and __import__("literal"); in stdlib modules it follows module-level
imports only. It skips `if __name__ == "__main__":` blocks, and stdlib-internal edges to developer tools and
pure-Python fallbacks of modules this runtime has built in.
"""
import ast
import fnmatch
import json
import marshal
import io
import os
import sys
import tokenize
import _imp

# needed before or while Python reports errors, whatever the app imports
REQUIRED = ["encodings", "encodings.aliases", "encodings.utf_8", "encodings.utf_8_sig", "encodings.ascii",
            "encodings.latin_1", "traceback", "linecache", "tokenize", "warnings"]
# modules CPython already carries as frozen modules: shipping them again would only add size
ALREADY_FROZEN = set(_imp._frozen_module_names()) if hasattr(_imp, "_frozen_module_names") else set()
# built into the wasm32-wasip1 runtime (sys.builtin_module_names of the kit's build)
BUILTINS = set("""_abc _ast _asyncio _bisect _blake2 _bz2 _codecs _codecs_cn _codecs_hk _codecs_iso2022 _codecs_jp
_codecs_kr _codecs_tw _collections _contextvars _csv _datetime _decimal _elementtree _functools _heapq _imp _io _json
_locale _lsprof _lzma _md5 _multibytecodec _opcode _operator _pickle _queue _random _sha1 _sha2 _sha3 _signal _socket
_sqlite3 _sre _stat _statistics _string _struct _suggestions _symtable _sysconfig _thread _tokenize _tracemalloc
_typing _warnings _weakref _zoneinfo array atexit binascii builtins cmath errno faulthandler gc itertools marshal math
posix pyexpat select sys time unicodedata zlib _pipeline_rt""".split())
# what built-in modules import from C (PyImport_ImportModule and friends in CPython 3.13's Modules/): followed
# when the built-in is reached, since no import statement shows these edges
BUILTIN_C_IMPORTS = {
    "_decimal": ["collections", "collections.abc", "numbers"],
    "_elementtree": ["xml.etree.ElementPath", "copy", "pyexpat"],
    "_pickle": ["_compat_pickle", "copyreg", "functools"],
    "_zoneinfo": ["zoneinfo._common", "zoneinfo._tzpath"],
    "_datetime": ["time", "_strptime"],
    "_asyncio": ["asyncio"],
    "_codecs_cn": ["_multibytecodec"], "_codecs_hk": ["_multibytecodec"], "_codecs_iso2022": ["_multibytecodec"],
    "_codecs_jp": ["_multibytecodec"], "_codecs_kr": ["_multibytecodec"], "_codecs_tw": ["_multibytecodec"],
}
# imports inside stdlib functions that run on common paths, followed although other function-level stdlib imports
# are not: gettext.find (every argparse parser translates its messages through it) imports locale, argparse's help
# formatter imports shutil (terminal size); time.strptime imports _strptime from C
STDLIB_LAZY_TAKEN = {
    "argparse": ["shutil"],
    # hashlib's import looks up every algorithm's built-in constructor (__get_builtin_constructor imports them)
    "hashlib": ["_md5", "_sha1", "_sha2", "_sha3", "_blake2"],
    "gettext": ["locale"],
    "time": ["_strptime"],
}
# reached from inside the stdlib only by developer tools or as fallbacks for the built-ins above: not followed
# unless the app (or an include) names them
STDLIB_SKIP = {"doctest", "pdb", "pydoc", "pydoc_data", "unittest", "tkinter", "idlelib", "turtle", "turtledemo",
               "lib2to3", "ensurepip", "venv", "test", "_pyrepl", "_pydecimal", "_pydatetime", "_pyio", "_pylong",
               "nt", "ntpath", "winreg", "msvcrt", "_winapi", "_overlapped", "_wmi", "nturl2path",
               "asyncio.windows_events", "asyncio.windows_utils", "multiprocessing.popen_spawn_win32",
               "_osx_support", "_aix_support", "_android_support", "_ios_support", "_scproxy"}


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(2)


def read_source(file):
    """The file's bytes, after the check CPython makes when it runs a file: the text must decode in its declared
    encoding (PEP 263), UTF-8 when none is declared. compile() of bytes skips that check for comments."""
    with open(file, "rb") as fh:
        source = fh.read()
    try:
        encoding, first_lines = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError as e:
        fail("%s:%s:1: syntax error: %s" % (file, e.lineno or 1, e.msg))
    try:
        source.decode(encoding)
    except UnicodeDecodeError as e:
        line = source.count(b"\n", 0, e.start) + 1
        col = e.start - (source.rfind(b"\n", 0, e.start) + 1) + 1
        declared = any(tokenize.cookie_re.match(l.decode("latin-1")) for l in first_lines)
        if encoding == "utf-8" and not declared:
            fail("%s:%d:%d: syntax error: Non-UTF-8 code starting with '\\x%02x', but no encoding declared; "
                 "see https://peps.python.org/pep-0263/ for details" % (file, line, col, source[e.start]))
        fail("%s:%d:%d: syntax error: (unicode error) '%s' codec can't decode byte 0x%02x: %s"
             % (file, line, col, encoding, source[e.start], e.reason))
    return source


class Dag:
    """The import graph over the roots and the stdlib, with the first reason each module was kept."""

    def __init__(self, roots, stdlib):
        self.roots = roots
        self.stdlib = stdlib
        self.path = roots + [stdlib]
        self.modules = {}      # name -> (file, is_package)
        self.reasons = {}
        self.missing = {}
        self.builtins = {}     # built-in (C) modules reached -> first reason

    def locate(self, name):
        search = self.path
        found = None
        parts = name.split(".")
        for i, part in enumerate(parts):
            found = None
            for d in search:
                init = os.path.join(d, part, "__init__.py")
                if os.path.isfile(init):
                    found = (init, True, [os.path.join(d, part)])
                    break
                mod = os.path.join(d, part + ".py")
                if os.path.isfile(mod):
                    found = (mod, False, None)
                    break
            if found is None:
                return None
            if i < len(parts) - 1:
                if not found[1]:
                    return None
                search = found[2]
        return found[0], found[1]

    def is_stdlib(self, name):
        info = self.modules.get(name)
        return info is not None and info[0].startswith(self.stdlib + os.sep)

    def add(self, name, reason, importer=None, optional=False):
        """Adds a module, its parent packages and everything they import; returns False if it does not exist."""
        if name in self.modules:
            return True
        if name in BUILTINS or name.split(".")[0] in BUILTINS:
            builtin = name.split(".")[0] if name.split(".")[0] in BUILTINS else name
            if builtin not in self.builtins:
                self.builtins[builtin] = reason
                for dep in BUILTIN_C_IMPORTS.get(builtin, []):
                    self.add(dep, "imported from C by " + builtin, None, True)
                for dep in STDLIB_LAZY_TAKEN.get(builtin, []):
                    self.add(dep, "imported inside " + builtin + " on a common path", None, True)
            return True
        if importer is not None and self.is_stdlib(importer) and (name in STDLIB_SKIP or name.split(".")[0] in STDLIB_SKIP):
            return True
        parts = name.split(".")
        for i in range(1, len(parts)):
            if not self.add(".".join(parts[:i]), reason, importer, optional):
                return False
        located = self.locate(name)
        if located is None:
            if not optional:
                self.missing.setdefault(name, importer or reason)
            return False
        self.modules[name] = located
        self.reasons[name] = reason
        for child, child_optional in self.imports_of(name, located[0], located[1]):
            self.add(child, "imported by " + name, name, child_optional)
        for dep in STDLIB_LAZY_TAKEN.get(name, []):
            self.add(dep, "imported inside " + name + " on a common path", None, True)
        return True

    def imports_of(self, name, file, is_package):
        source = read_source(file)
        try:
            tree = ast.parse(source, file)
        except SyntaxError as e:
            fail("%s:%s:%s: syntax error: %s" % (file, e.lineno, e.offset, e.msg))
        package = name if is_package else name.rpartition(".")[0]
        found = []
        # imports inside a stdlib function run only when that function does (logging in hashlib's error path,
        # tarfile in shutil's archive helpers): they are left out, and an include brings them in when needed.
        # The app's own lazy imports are followed.
        stdlib_module = file.startswith(self.stdlib + os.sep)

        def visit(node, optional):
            if stdlib_module and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return
            if isinstance(node, ast.If) and is_main_guard(node.test):
                for n in node.orelse:
                    visit(n, optional)
                return
            if isinstance(node, ast.Try):
                catches_import_error = any(h.type is None or "ImportError" in ast.unparse(h.type)
                                           or "ModuleNotFoundError" in ast.unparse(h.type) for h in node.handlers)
                for n in node.body:
                    visit(n, optional or catches_import_error)
                for h in node.handlers:
                    for n in h.body:
                        visit(n, True)
                for n in node.orelse + node.finalbody:
                    visit(n, optional)
                return
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.append((alias.name, optional))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".") if package else []
                    base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module
                if mod:
                    found.append((mod, optional))
                    for alias in node.names:
                        if alias.name != "*":
                            sub = mod + "." + alias.name
                            if self.locate(sub) is not None:
                                found.append((sub, optional))
            elif isinstance(node, ast.Call) and is_literal_import(node):
                found.append((node.args[0].value, True))
            for child in ast.iter_child_nodes(node):
                visit(child, optional)

        visit(tree, False)
        return found


def is_main_guard(test):
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == "__main__")


def is_literal_import(call):
    f = call.func
    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
    return (name in ("import_module", "__import__") and call.args and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str) and not call.args[0].value.startswith("."))


def all_module_names(root):
    """Every importable .py module under a folder, as dotted names."""
    names = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d.isidentifier() and d != "__pycache__")
        rel = os.path.relpath(dirpath, root)
        parts = [] if rel == "." else rel.split(os.sep)
        if parts and not os.path.exists(os.path.join(dirpath, "__init__.py")):
            dirnames[:] = []
            continue
        for f in sorted(filenames):
            if f.endswith(".py") and f[:-3].isidentifier():
                mod = parts + ([] if f == "__init__.py" else [f[:-3]])
                if mod:
                    names.append(".".join(mod))
    return names


def main():
    cfg = json.load(open(sys.argv[1], encoding="utf-8"))
    out = sys.argv[2]
    if cfg.get("target") == "wasip2":
        # sockets work there: _socket's getaddrinfo and friends encode host names with the "idna" codec (from C)
        BUILTIN_C_IMPORTS["_socket"] = ["encodings.idna"]
    roots = [os.path.abspath(r) for r in cfg["roots"]]
    stdlib = os.path.abspath(cfg["stdlib"])
    dag = Dag(roots, stdlib)
    exclude = cfg.get("exclude", [])

    def excluded(name):
        return any(fnmatch.fnmatchcase(name, p) for p in exclude)

    for entry in cfg["entries"]:
        if not dag.add(entry, "entry"):
            fail("module `%s` not found in the python-path %s" % (entry, roots))
    for name in REQUIRED:
        dag.add(name, "needed by the runtime")
    available = None
    for pattern in cfg.get("include", []):
        if any(c in pattern for c in "*?["):
            if available is None:
                available = sorted(set(n for r in dag.path for n in all_module_names(r)))
            names = [n for n in available if fnmatch.fnmatchcase(n, pattern)]
            if not names:
                fail("include pattern `%s` matches no module in the python-path or the stdlib" % pattern)
        else:
            names = [pattern]
        for name in names:
            if not dag.add(name, "include " + pattern):
                fail("include: module `%s` does not exist (searched the python-path and the stdlib)" % name)
    if cfg.get("all_stdlib"):
        for name in all_module_names(stdlib):
            if name.split(".")[0] not in STDLIB_SKIP:
                dag.add(name, "whole stdlib", optional=True)

    modules = []
    total_source = 0
    os.makedirs(out, exist_ok=True)
    for i, name in enumerate(sorted(dag.modules)):
        file, is_package = dag.modules[name]
        if excluded(name) or name in ALREADY_FROZEN:
            continue
        origin = "stdlib" if file.startswith(stdlib + os.sep) else "app"
        base = stdlib if origin == "stdlib" else next(r for r in roots if file.startswith(r + os.sep))
        virtual = "/" + ("lib/python3.13" if origin == "stdlib" else "app") + "/" + os.path.relpath(file, base).replace(os.sep, "/")
        source = read_source(file)
        total_source += len(source)
        is_source = bool(cfg.get("source")) and origin == "app"
        if is_source:
            data = source
        else:
            try:
                code = compile(source, virtual, "exec", dont_inherit=True, optimize=cfg.get("optimize", 0))
            except SyntaxError as e:
                fail("%s:%s:%s: syntax error: %s" % (file, e.lineno, e.offset, e.msg))
            data = marshal.dumps(code)
        data_file = "%d.bin" % i
        with open(os.path.join(out, data_file), "wb") as fh:
            fh.write(data)
        modules.append({"name": name, "package": is_package, "origin": origin, "file": virtual, "source": is_source,
                        "reason": dag.reasons.get(name, "imported"), "source_size": len(source), "data": data_file,
                        "size": len(data)})
    missing = [{"module": k, "importer": v} for k, v in sorted(dag.missing.items())]
    builtins = [{"module": k, "reason": v} for k, v in sorted(dag.builtins.items())]
    json.dump({"modules": modules, "source_bytes": total_source, "missing": missing, "builtins": builtins},
              open(os.path.join(out, "manifest.json"), "w"), indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
