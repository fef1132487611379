"""Executes the analyst notebooks top to bottom in a real Jupyter kernel (nbclient + ipykernel).

    python run_notebooks.py --warehouse DIR --out DIR [--write] [--keep-going] [NOTEBOOK ...]

Run through scripts/notebooks.sh, which makes the virtualenv and the warehouse. Without --write (the
build): executes every notebook into --out and fails on any cell error, on a chart without title or
axis labels (chart_checks.py), on a chart that does not read over a year of data, and on a committed
notebook whose code is not the code its committed outputs came from. With --write: executes them and
writes the outputs back into notebooks/*.ipynb (PNG charts reduced to 256 colours), recording a hash of
every code cell in the notebook's metadata; that is what the build's check compares.

Where PySpark is not importable, the kernel gets `spark` from sql_shim.py before the first cell, and
one `scripts/sql.sh --serve` process, started here, answers the SQL of all notebooks through a Unix
socket (ENCORD_SQL_SOCKET). Where PySpark is importable, the notebooks' own setup cell makes the session.
"""

import argparse
import base64
import glob
import hashlib
import importlib.util
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

TOOLS = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(TOOLS)
ROOT = os.path.dirname(NOTEBOOKS)
MAX_NOTEBOOK_BYTES = 400_000
META = "encord"


def code_hashes(nb):
    """[cell number (from 1, as Jupyter counts all cells), sha256 of the source] of each code cell."""
    return [[i, hashlib.sha256(c.source.encode("utf-8")).hexdigest()[:16]]
            for i, c in enumerate(nb.cells, 1) if c.cell_type == "code"]


def stale_cells(nb):
    """Why the committed outputs are not those of the committed code (empty when they are)."""
    recorded = nb.metadata.get(META, {}).get("executed_code")
    if recorded is None:
        return ["no record of an execution by scripts/notebooks.sh (outputs missing or made by hand)"]
    now = {n: h for n, h in code_hashes(nb)}
    then = {n: h for n, h in recorded}
    out = []
    for n in sorted(set(now) | set(then)):
        if n not in then:
            out.append(f"cell {n} is new")
        elif n not in now:
            out.append(f"cell {n} was removed or is no longer code")
        elif now[n] != then[n]:
            out.append(f"cell {n} changed")
    return out


class SharedSql:
    """One `scripts/sql.sh --serve` for all notebooks, relayed to kernels through a Unix socket."""

    def __init__(self, warehouse, log_path):
        self.log = open(log_path, "wb")
        # The JIT's quick tier only: a few minutes of small queries. Measured on one notebook's
        # queries: a third less CPU, answers as fast.
        env = dict(os.environ, SQL_JAVA_OPTS=os.environ.get(
            "SQL_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=512m"))
        self.proc = subprocess.Popen(
            [os.path.join(ROOT, "scripts", "sql.sh"), "--warehouse", warehouse, "--serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, cwd=ROOT, env=env)
        self.lock = threading.Lock()
        self.dir = tempfile.mkdtemp(prefix="encord-sql-")
        self.path = os.path.join(self.dir, "sql.sock")
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(4)
        self.requests = 0
        self.seconds = 0.0
        self.timing = open(os.path.splitext(log_path)[0] + "-timing.log", "w")
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(conn,), daemon=True).start()

    def _relay(self, conn):
        with conn, conn.makefile("rwb") as f:
            for line in f:
                with self.lock:
                    self.requests += 1
                    started = time.time()
                    try:
                        self.proc.stdin.write(line)
                        self.proc.stdin.flush()
                        answer = self.proc.stdout.readline()
                    except OSError:
                        answer = b""
                    took = time.time() - started
                    self.seconds += took
                    self.timing.write(f"{took:7.2f} {json.loads(line)['sql'][:100]!r}\n")
                    self.timing.flush()
                if not answer:
                    answer = (json.dumps({"error": f"scripts/sql.sh --serve died ({self.proc.poll()}); "
                                                   f"see {self.log.name}"}) + "\n").encode()
                f.write(answer)
                f.flush()

    def close(self):
        self.server.close()
        if self.proc.poll() is None:
            self.proc.stdin.close()  # the server exits at the end of its input
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


PREAMBLE = """\
def _encord_preamble():
    import sys
    sys.path.insert(0, {tools!r})
    import chart_checks, sql_shim
    return chart_checks, chart_checks.install(get_ipython()), sql_shim.stand_in()
_encord_checks, _encord_state, _encord_shim = _encord_preamble()
if _encord_shim is not None:
    spark = _encord_shim
del _encord_preamble, _encord_shim
"""


def hidden(client, code):
    """Runs code in the kernel outside the notebook (no history, outputs dropped)."""
    cell = nbformat.v4.new_code_cell(code)
    # nbclient stores the executed cell at its index in the notebook: a scratch slot at the end.
    client.nb.cells.append(cell)
    try:
        client.execute_cell(cell, len(client.nb.cells) - 1, store_history=False)
    finally:
        client.nb.cells.pop()
    errors = [o for o in cell.outputs if o.output_type == "error"]
    if errors:  # with allow_errors (--keep-going) nbclient does not raise
        raise CellExecutionError("", errors[0].ename, errors[0].evalue)


def error_of(e):
    """The exception of a failed cell, without its traceback."""
    return f"{e.ename}: {e.evalue}"


def execute(path, out_dir, keep_going, write):
    """Executes one notebook; returns (executed notebook, list of failures, seconds)."""
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    failures = []
    start = time.time()
    client = NotebookClient(nb, timeout=900, kernel_name="python3", allow_errors=keep_going,
                            record_timing=False, resources={"metadata": {"path": NOTEBOOKS}},
                            # not its warning that a local kernel's TCP sockets are unencrypted
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    query = None
    with client.setup_kernel():
        info = client.wait_for_reply(client.kc.kernel_info())
        nb.metadata["language_info"] = info["content"]["language_info"]
        try:
            hidden(client, PREAMBLE.format(tools=TOOLS))
        except CellExecutionError as e:
            raise SystemExit(f"notebooks: the build's preamble failed in the kernel: {error_of(e)}")
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            tag = f"{name}-cell{index + 1}"
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as e:
                failures.append(f"{os.path.basename(path)} cell {index + 1}: {error_of(e)}")
                break
            errors = [o for o in cell.outputs if o.output_type == "error"]
            if errors:  # --keep-going
                failures.append(f"{os.path.basename(path)} cell {index + 1}: "
                                f"{errors[0].ename}: {errors[0].evalue}")
            if cell.source.lstrip().startswith("# sql"):
                query = cell.source
            check = ("_encord_checks.after_cell(get_ipython(), _encord_state, "
                     f"{cell.source!r}, {query!r}, {os.path.join(out_dir, 'one-year')!r}, {tag!r})")
            try:
                hidden(client, check)
            except CellExecutionError as e:
                failures.append(f"{os.path.basename(path)} cell {index + 1}: {error_of(e)}")
                if not keep_going:
                    break
    seconds = time.time() - start
    shrink_pngs(nb)
    nb.metadata[META] = {
        "outputs": "executed by scripts/notebooks.sh on a warehouse built from data-samples/",
        "executed_code": code_hashes(nb),
    }
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    if write and not failures:
        nbformat.write(nb, path)
    return nb, failures, seconds


def shrink_pngs(nb):
    """PNG outputs as 256-colour palettes: the same chart in a third of the bytes."""
    from PIL import Image

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            img = Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGB")
            buf = io.BytesIO()
            img.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE) \
               .save(buf, format="PNG", optimize=True)
            data["image/png"] = base64.b64encode(buf.getvalue()).decode("ascii")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--warehouse", required=True, help="a warehouse built from data-samples/")
    p.add_argument("--out", required=True, help="where executed notebooks and logs go")
    p.add_argument("--write", action="store_true", help="write the outputs into notebooks/*.ipynb")
    p.add_argument("--keep-going", action="store_true", help="run every cell even after an error")
    p.add_argument("notebooks", nargs="*")
    args = p.parse_args()
    paths = args.notebooks or sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))
    os.makedirs(args.out, exist_ok=True)
    shutil.rmtree(os.path.join(args.out, "one-year"), ignore_errors=True)
    warehouse = os.path.abspath(args.warehouse)
    os.environ["ENCORD_WAREHOUSE"] = warehouse
    os.environ.pop("ENCORD_SQL_SOCKET", None)

    problems = []
    if not args.write:
        for path in paths:
            problems += [f"{os.path.basename(path)}: {s}; run scripts/notebooks.sh to regenerate its outputs"
                         for s in stale_cells(nbformat.read(path, as_version=4))]

    shared = None
    if importlib.util.find_spec("pyspark") is None:
        shared = SharedSql(warehouse, os.path.join(args.out, "sql-serve.log"))
        os.environ["ENCORD_SQL_SOCKET"] = shared.path
        print(f"notebooks: PySpark is not installed; `spark` is sql_shim.py over scripts/sql.sh --serve "
              f"(one process, log {shared.log.name})", flush=True)
    else:
        print("notebooks: PySpark is installed; the notebooks make their own session", flush=True)
    total = time.time()
    try:
        for path in paths:
            nb, failures, seconds = execute(path, args.out, args.keep_going, args.write)
            cells = sum(1 for c in nb.cells if c.cell_type == "code")
            charts = sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
            size = len(nbformat.writes(nb).encode("utf-8"))
            status = "FAILED" if failures else "ok"
            print(f"notebooks: {os.path.basename(path)}: {status}, {cells} code cells, {charts} charts, "
                  f"{size // 1024} KB, {seconds:.0f} s", flush=True)
            problems += failures
            if args.write and size > MAX_NOTEBOOK_BYTES:
                problems.append(f"{os.path.basename(path)}: {size // 1024} KB with outputs "
                                f"(at most {MAX_NOTEBOOK_BYTES // 1000} KB)")
    finally:
        if shared is not None:
            print(f"notebooks: {shared.requests} SQL statements through one sql.sh --serve, "
                  f"{shared.seconds:.0f} s waiting for their answers (JVM start included)", flush=True)
            shared.close()
    print(f"notebooks: {len(paths)} notebooks in {time.time() - total:.0f} s; executed copies and "
          f"one-year charts in {args.out}", flush=True)
    for problem in problems:
        print(f"notebooks: FAIL {problem}", flush=True)
    if shared is not None and any("SqlError" in p for p in problems):
        with open(shared.log.name, encoding="utf-8", errors="replace") as f:
            print(f"notebooks: last lines of {shared.log.name}:\n" + "".join(f.readlines()[-20:]), flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
