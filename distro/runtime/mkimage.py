"""Writes a pipeline module image (format v1, "PLIM"): Python modules compiled to code objects and marshalled,
plus the descriptor table and the app module name, for the runtime to register as frozen modules.

Run it with the runtime kit's native python (same version as the wasm interpreter, so the marshal format and
bytecode match):

    python3.13 mkimage.py --root app_dir --root <kit>/stdlib/python3.13 \
        --module app --module 'encodings.*' --closure --app app --descriptor world.pldt --out app.plim

Module selection: --module NAME (one module; a package brings its __init__ only), --module 'PKG.*' (a package
and every module below it), --module all (every module under the roots); --closure adds every module the
selected ones import (found with modulefinder, searching only the roots); --exclude PREFIX drops modules.
Modules CPython itself already carries as frozen modules (os, codecs, io, abc, stat, posixpath, ...; the running
python's _imp._frozen_module_names(), which equals the wasm interpreter's for the same version) are left out
unless --keep-frozen is given: the built-in copies are the same code and start faster.
Output is byte-identical for identical inputs.
"""
import argparse
import marshal
import modulefinder
import os
import struct
import sys

DEFAULT_EXCLUDES = ("test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3", "__phello__", "__hello__")


def source_files(roots):
    """Maps every module name found under the roots to (path, is_package, relative filename); first root wins."""
    found = {}
    for root in roots:
        root = os.path.abspath(root)
        for directory, subdirs, files in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__" and d.isidentifier())
            rel = os.path.relpath(directory, root)
            parts = [] if rel == "." else rel.split(os.sep)
            if parts and not os.path.isfile(os.path.join(directory, "__init__.py")):
                subdirs[:] = []
                continue
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                stem = name[:-3]
                if stem == "__init__":
                    if not parts:
                        continue
                    module, is_package = ".".join(parts), True
                elif stem.isidentifier():
                    module, is_package = ".".join(parts + [stem]), False
                else:
                    continue
                relpath = os.path.join(rel, name) if parts else name
                found.setdefault(module, (os.path.join(directory, name), is_package, relpath.replace(os.sep, "/")))
    return found


def excluded(module, prefixes):
    """True if the module is one of the prefixes or below one."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def select(available, requested, excludes):
    """The modules named by --module specs (NAME, PKG.*, all)."""
    chosen = set()
    for spec in requested:
        if spec == "all":
            chosen.update(m for m in available if not excluded(m, excludes))
        elif spec.endswith(".*"):
            base = spec[:-2]
            matches = [m for m in available if m == base or m.startswith(base + ".")]
            if not matches:
                sys.exit(f"mkimage: no package {base!r} under the roots")
            chosen.update(m for m in matches if not excluded(m, excludes))
        else:
            if spec not in available:
                sys.exit(f"mkimage: no module {spec!r} under the roots")
            chosen.add(spec)
    return chosen


def closure(available, chosen, roots, excludes):
    """Adds the modules reachable by imports from the chosen ones (plus parent packages of every module)."""
    finder = modulefinder.ModuleFinder(path=[os.path.abspath(r) for r in roots], excludes=list(excludes))
    for module in sorted(chosen):
        try:
            finder.import_hook(module)
        except ImportError:
            pass
    result = set(chosen)
    result.update(m for m in finder.modules if m in available and not excluded(m, excludes))
    return result


def with_parents(available, modules):
    """Adds the parent packages of every module (a submodule cannot be imported without them)."""
    result = set(modules)
    for m in modules:
        parts = m.split(".")
        for i in range(1, len(parts)):
            parent = ".".join(parts[:i])
            if parent in available:
                result.add(parent)
    return result


def write_image(out, available, modules, descriptor, app):
    """Compiles the modules in name order and writes the PLIM v1 file atomically; returns its size."""
    blob = bytearray(b"PLIM")
    blob += struct.pack("<II", 1, len(modules))
    for module in sorted(modules):
        path, is_package, relpath = available[module]
        with open(path, "rb") as f:
            source = f.read()
        code = compile(source, relpath, "exec", dont_inherit=True)
        data = marshal.dumps(code)
        name = module.encode("utf-8")
        blob += struct.pack("<I", len(name)) + name + bytes([1 if is_package else 0])
        blob += struct.pack("<I", len(data)) + data
    blob += struct.pack("<I", len(descriptor)) + descriptor
    app_name = app.encode("utf-8")
    blob += struct.pack("<I", len(app_name)) + app_name
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(blob)
    os.replace(tmp, out)
    return len(blob)


def main(argv=None):
    """Command line entry point."""
    p = argparse.ArgumentParser(description="Write a pipeline module image (PLIM v1).")
    p.add_argument("--root", action="append", required=True, help="folder holding modules (repeatable; first wins)")
    p.add_argument("--module", action="append", default=[], help="NAME, PKG.* or all (repeatable)")
    p.add_argument("--closure", action="store_true", help="add every module the selected ones import")
    p.add_argument("--exclude", action="append", default=None, help="module prefix to leave out (repeatable)")
    p.add_argument("--descriptor", help="descriptor table file to embed (default: none)")
    p.add_argument("--app", default="", help="the app module the runtime imports at init")
    p.add_argument("--out", required=True, help="image file to write")
    p.add_argument("--keep-frozen", action="store_true", help="also include modules CPython has frozen already")
    p.add_argument("--list", action="store_true", help="print the chosen module names to stdout")
    args = p.parse_args(argv)
    excludes = tuple(args.exclude) if args.exclude is not None else DEFAULT_EXCLUDES
    available = source_files(args.root)
    requested = list(args.module) + ([args.app] if args.app and args.app not in args.module else [])
    modules = select(available, requested, excludes)
    if args.closure:
        modules = closure(available, modules, args.root, excludes)
    modules = with_parents(available, modules)
    if not args.keep_frozen:
        import _imp
        modules -= set(_imp._frozen_module_names())
    descriptor = b""
    if args.descriptor:
        with open(args.descriptor, "rb") as f:
            descriptor = f.read()
    size = write_image(args.out, available, modules, descriptor, args.app)
    if args.list:
        print("\n".join(sorted(modules)))
    print(f"mkimage: {len(modules)} modules, {size} bytes -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
