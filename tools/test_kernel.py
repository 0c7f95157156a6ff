"""The stop button in a real kernel: an interrupt ends a cell that trains in a loop, cleanly.

  python tools/test_kernel.py KERNELSPEC

Runs in the kernel KERNELSPEC (a Jupyter kernelspec with MLP Lab on its classpath) and checks:
- interrupting a cell that runs a loop of live fits ends the running fit after its batch; the cell
  ends with the fits after it refused; the live output's last frame says "interrupted in epoch N
  after batch M"; nothing of that cell arrives after it has ended;
- the next cell sees the stopped model and history, and the next fit trains normally;
- interrupting a cell that does not train (a sleep) still interrupts it, and the kernel goes on.
Prints one line per check and `N passed, N failed`.
"""
import sys
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


def run(client, code, on_busy=None):
    """Executes code; returns (reply, outputs): the shell reply and the cell's iopub messages until idle."""
    msg_id = client.execute(code)
    outputs, busy_seen = [], False
    deadline = time.monotonic() + TIMEOUT
    while True:
        msg = client.get_iopub_msg(timeout=max(1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status":
            if msg["content"]["execution_state"] == "idle":
                break
            continue
        outputs.append(msg)
        if on_busy and not busy_seen:
            busy_seen = True
            on_busy()
    return shell_reply(client, msg_id), outputs


def shell_reply(client, msg_id):
    while True:
        reply = client.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def text(outputs):
    parts = []
    for msg in outputs:
        content = msg["content"]
        parts.append(content.get("text", ""))
        parts.extend(str(v) for k, v in content.get("data", {}).items() if k.startswith("text/"))
        parts.append(content.get("evalue", ""))
    return "\n".join(parts)


def main(kernel):
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(f"{'ok' if ok else 'FAILED'}: {name}" + ("" if ok else f"\n  {detail[:2000]}"), flush=True)

    manager, client = start_new_kernel(kernel_name=kernel, startup_timeout=60)
    try:
        reply, out = run(client, 'var data = Dataset.classification(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},\n'
                                 '        new int[] {0, 1, 1, 0});\n'
                                 'var model = Mlp.input(2).dense(8, TANH).dense(2, SOFTMAX).seed(1).build();\n'
                                 'var histories = new java.util.ArrayList<History>();')
        check("setup", reply["content"]["status"] == "ok", text(out))

        def interrupt_soon():
            time.sleep(3)   # the first fit is well into its epochs
            manager.interrupt_kernel()
        sweep = ('for (double lr : new double[] {0.01, 0.02, 0.03}) {\n'
                 '    histories.add(model.fit(data, Fit.epochs(100_000_000).batch(2).adam(lr).live()));\n'
                 '}')
        started = time.monotonic()
        reply, out = run(client, sweep, on_busy=interrupt_soon)
        seconds = time.monotonic() - started
        check("the interrupted cell ends (in %.1f s)" % seconds, seconds < 60, str(seconds))
        check("the fits after the interrupted one are refused",
              reply["content"]["status"] == "error" and "before this fit started" in text(out), text(out))
        frames = [m for m in out if m["msg_type"] in ("display_data", "update_display_data")]
        last = text(frames[-1:])
        check("the live output's last frame says where it stopped",
              "interrupted in epoch" in last and "after batch" in last, last)

        late = []
        try:
            while True:
                late.append(client.get_iopub_msg(timeout=2))
        except Empty:
            pass
        check("nothing of that cell arrives after it ended", not late, str([m["msg_type"] for m in late]))

        reply, out = run(client, 'System.out.println(histories.size() + " " + histories.get(0).stop().reason()\n'
                                 '        + " " + (histories.get(0).epochs().size() > 0));\n'
                                 'var stopped = model.predict(new double[][] {{0, 1}})[0][1];\n'
                                 'Thread.sleep(1000);\n'
                                 'System.out.println(stopped == model.predict(new double[][] {{0, 1}})[0][1]);')
        check("the next cell sees the stopped model and its history", text(out).split() == ["1", "INTERRUPTED", "true",
                                                                                             "true"], text(out))
        reply, out = run(client, 'model.fit(data, Fit.epochs(3).batch(2).quiet()).stop().reason()')
        check("the next fit trains normally", "COMPLETED" in text(out), text(out))

        started = time.monotonic()
        msg_id = client.execute('Thread.sleep(600_000);')
        time.sleep(2)
        manager.interrupt_kernel()
        reply = shell_reply(client, msg_id)
        check("a cell that does not train is interrupted too (%.1f s)" % (time.monotonic() - started),
              reply["content"]["status"] != "ok", str(reply["content"]))
        reply, out = run(client, '6 * 7')
        check("the kernel goes on", "42" in text(out), text(out))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    failed = results.count(False)
    print(f"kernel ({kernel}): {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "java"))
