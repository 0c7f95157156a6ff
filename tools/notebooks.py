"""Runs notebooks headlessly through Jupyter (nbclient) with a Java kernel.

  python tools/notebooks.py test [--kernel NAME] NOTEBOOK...      execute, check, leave the files as they are
  python tools/notebooks.py execute [--kernel NAME] NOTEBOOK...   execute and write the outputs back

NAME is a kernelspec (default `java`, the one the notebooks name). Before running, every notebook
is checked to be safe in a JShell-based kernel: in a cell, an `import` after a declaration makes
JShell evaluate the declaration again (it can be left null), and two cells declaring the same
variable make tracebacks point at the wrong cell; so imports come first and names are distinct.
A run fails on any error output, or on a stderr stream that shows a Java exception. Each notebook
may declare what its outputs must contain in its metadata:
  "mlplab": {"expect": ["image/png", "text:vanishing", "absent:draft"]}
                  a MIME type; text anywhere in the outputs; text nowhere in the outputs
  "mlplab": {"template": true}    an assignment template: every graded cell must fail (nothing is
                                  implemented yet) and nothing else may
A code cell's own metadata may say the same of that cell's outputs alone:
  "mlplab": {"expect": ["image/png", "text/plain"]}
rapaio-jupyter-kernel 3.0.1 sometimes never answers its first kernel_info request (about 1 launch
in 10; measured here: 5 of 15 launches while other builds loaded the machine; a healthy kernel
answers within 3 s): start-up has a short timeout and is retried with a fresh kernel.
"""
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

STARTUP_TIMEOUT = 20
STARTUP_ATTEMPTS = 6
CELL_TIMEOUT = 600
JAVA_ERRORS = ("Exception", "Error:", "\tat ")
# a top-level declaration: `var x =`, `double[] x;`, `Map<String, T> x =` (statements of a cell start
# in column 0; indented lines are inside a block)
DECLARATION = re.compile(r"(?:final\s+)?(?!return\b|throw\b|new\b|else\b|yield\b)"
                         r"[A-Za-z_][\w.]*(?:<[^=;()]*>)?(?:\[\])*\s+([A-Za-z_]\w*)\s*[=;]")


def jshell_hazards(nb):
    """Where a notebook breaks in a JShell kernel: an import after code in a cell, a name declared twice."""
    found, declared = [], {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        code_seen = False
        for line in cell.source.splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith(("//", "%", "/*", "*")):
                continue
            if line.startswith("import "):
                if code_seen:
                    found.append(f"cell {index}: `{stripped}` after a statement: JShell re-evaluates the cell's "
                                 "declarations (a variable can be left null); put the imports first")
                continue
            code_seen = True
            declaration = DECLARATION.match(line)
            if declaration:
                name = declaration.group(1)
                if name in declared:
                    found.append(f"cell {index}: `{name}` is declared again (first in cell {declared[name]}): "
                                 "tracebacks would point at the wrong cell; give it another name")
                else:
                    declared[name] = index
    return found


def text_of(output):
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return "\n".join([output.get("ename", ""), output.get("evalue", "")] + output.get("traceback", []))
    data = output.get("data", {})
    return "\n".join(str(v) for k, v in data.items() if k.startswith("text/"))


def problems_in(cell):
    """Errors a code cell's outputs show: error outputs and Java exceptions on stderr."""
    found = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            found.append(f"{output.get('ename')}: {output.get('evalue')}")
        elif output.get("output_type") == "stream" and output.get("name") == "stderr":
            if any(marker in output.get("text", "") for marker in JAVA_ERRORS):
                found.append("stderr: " + output["text"].strip()[:500])
    return found


def unmet(expectations, outputs, where):
    """The expectations (MIME types, "text:...", "absent:...") that these outputs do not meet."""
    mime_types = {k for o in outputs for k in o.get("data", {})}
    all_text = "\n".join(text_of(o) for o in outputs)
    failures = []
    for expected in expectations:
        if expected.startswith("text:"):
            if expected[5:] not in all_text:
                failures.append(f"expected the text {expected[5:]!r} in {where}")
        elif expected.startswith("absent:"):
            if expected[7:] in all_text:
                failures.append(f"the text {expected[7:]!r} should not be in {where}")
        elif expected not in mime_types:
            failures.append(f"expected a {expected} output in {where}, got {sorted(mime_types)}")
    return failures


def run(path, write, kernel):
    nb = nbformat.read(path, as_version=4)
    hazards = jshell_hazards(nb)
    if hazards:
        return 0.0, hazards
    spec = nb.metadata.get("mlplab", {})
    template = spec.get("template", False)
    started_at = time.monotonic()
    for attempt in range(1, STARTUP_ATTEMPTS + 1):
        client = NotebookClient(nb, kernel_name=kernel, timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT,
                                allow_errors=True, resources={"metadata": {"path": str(Path(path).parent)}})
        started = False
        try:
            with client.setup_kernel():
                started = True
                # what a front end writes into the notebook when it connects: written here too, so that
                # opening an executed notebook in the same kernel does not modify it
                info = client.wait_for_reply(client.kc.kernel_info())
                nb.metadata["language_info"] = info["content"]["language_info"]
                for index, cell in enumerate(nb.cells):
                    client.execute_cell(cell, index)
            break
        except (RuntimeError, TimeoutError) as e:
            if started or attempt == STARTUP_ATTEMPTS:
                raise
            print(f"  kernel start-up failed ({e}); attempt {attempt + 1} of {STARTUP_ATTEMPTS}", flush=True)
            nb = nbformat.read(path, as_version=4)
    seconds = time.monotonic() - started_at

    failures = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        problems = problems_in(cell)
        graded = cell.metadata.get("nbgrader", {}).get("grade", False)
        if template and graded:
            if not problems:
                failures.append(f"cell {index}: a graded check passed in the template, so it checks nothing")
        elif problems:
            failures.append(f"cell {index}: " + "; ".join(problems))
    code = [c for c in nb.cells if c.cell_type == "code"]
    failures += unmet(spec.get("expect", []), [o for c in code for o in c.get("outputs", [])], "the outputs")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            failures += unmet(cell.metadata.get("mlplab", {}).get("expect", []), cell.get("outputs", []),
                              f"the outputs of cell {index}")
    if write and template:   # a template stays clean: only the kernel's language_info is written
        clean = nbformat.read(path, as_version=4)
        clean.metadata["language_info"] = nb.metadata["language_info"]
        nbformat.write(clean, path)
    elif write:
        nbformat.write(nb, path)
    return seconds, failures


def main(argv):
    kernel = "java"
    if len(argv) > 2 and argv[1] == "--kernel":
        kernel = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) < 2 or argv[0] not in ("test", "execute"):
        print(__doc__)
        return 2
    write = argv[0] == "execute"
    failed = 0
    for path in argv[1:]:
        print(f"{path} ({kernel}) ...", flush=True)
        try:
            seconds, failures = run(path, write, kernel)
        except (CellExecutionError, RuntimeError, TimeoutError) as e:
            seconds, failures = float("nan"), [f"{type(e).__name__}: {e}"]
        status = "ok" if not failures else "FAILED"
        print(f"{path}: {status} in {seconds:.1f} s", flush=True)
        for f in failures:
            print(f"  - {f}", flush=True)
        failed += bool(failures)
    print(f"notebooks ({kernel}): {len(argv) - 1 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
