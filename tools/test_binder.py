"""Tests binder/ as far as this machine allows (no Docker engine, no GitHub):

- static: bash -n and shellcheck on the scripts, every requirement pinned with ==, every apt
  package known to apt, versions agreeing between pom.xml, the launcher and binder/;
- postBuild run for real in a sandbox: a clone of the repository, a temporary HOME, a fresh
  virtualenv with the pinned requirements, Maven for real, and a stand-in IJava zip whose
  install.py takes IJava's options and writes kernel.json like IJava does; then the kernelspec,
  its classpath and start-up script, and the smoke test's PNG are checked. A zip that does not
  match the pinned SHA-256 must be refused; without a pinned checksum postBuild installs
  rapaio-jupyter-kernel from Maven Central instead, and refuses a local IJava zip it cannot check;
  the download is tried for real from a file:// URL (MLPLAB_IJAVA_URL), and a failed one fails.

Not testable here: the image build (repo2docker needs Docker) and the download from GitHub.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["binder/postBuild", "tools/ijava-zip", "tools/install-ijava", "tools/install-rapaio", "tools/env.sh",
           "tools/bench-side-by-side", "mlplab", ".ci/run"]
failures = []
passes = []


def check(condition, message):
    (passes if condition else failures).append(message)
    print(("ok    " if condition else "FAIL  ") + message, flush=True)


def static_checks():
    for script in SCRIPTS:
        check(subprocess.run(["bash", "-n", ROOT / script]).returncode == 0, f"bash -n {script}")
    shellcheck = shutil.which("shellcheck")
    check(shellcheck is not None, "shellcheck is installed")
    if shellcheck:
        r = subprocess.run([shellcheck, "-S", "warning", *[ROOT / s for s in SCRIPTS]], capture_output=True, text=True)
        check(r.returncode == 0, "shellcheck finds no warnings" + ("" if r.returncode == 0 else ":\n" + r.stdout))
    lines = [l.strip() for l in (ROOT / "binder/requirements.txt").read_text().splitlines() if l.strip()]
    unpinned = [l for l in lines if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", l)]
    check(lines and not unpinned, f"every requirement pinned with == (unpinned: {unpinned})")
    for package in (ROOT / "binder/apt.txt").read_text().split():
        policy = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True).stdout
        check("Candidate:" in policy and "Candidate: (none)" not in policy, f"apt knows {package}")
    pom = (ROOT / "pom.xml").read_text()
    java = re.search(r"<maven.compiler.release>(\d+)<", pom).group(1)
    check(f"openjdk-{java}-jdk-headless" in (ROOT / "binder/apt.txt").read_text(), f"binder installs Java {java} like pom.xml")
    readme = (ROOT / "README.md").read_text()
    check(f"Java {java}" in readme, f"README says Java {java}")
    for pin in ("jupyterlab==", "notebook==", "nbclient=="):
        version = next(l for l in lines if l.startswith(pin)).split("==")[1]
        check(version in readme, f"README names the pinned {pin}{version}")


STAND_IN_INSTALL = '''
import argparse, json, os, sys
p = argparse.ArgumentParser()
where = p.add_mutually_exclusive_group()
where.add_argument("--user", action="store_true")
where.add_argument("--sys-prefix", action="store_true")
where.add_argument("--prefix")
p.add_argument("--replace", action="store_true")
for option in ("classpath", "comp-opts", "startup-scripts-path", "startup-script", "timeout"):
    p.add_argument("--" + option)
a = p.parse_args()
prefix = sys.prefix if a.sys_prefix else a.prefix
kernel_dir = os.path.join(prefix, "share", "jupyter", "kernels", "java")
os.makedirs(kernel_dir, exist_ok=True)
env = {}
for option, var in (("classpath", "IJAVA_CLASSPATH"), ("startup_script", "IJAVA_STARTUP_SCRIPT")):
    if getattr(a, option):
        env[var] = getattr(a, option)
spec = {"argv": ["java", "-jar", os.path.join(kernel_dir, "ijava-1.3.0.jar"), "{connection_file}"],
        "display_name": "Java", "language": "java", "interrupt_mode": "message", "env": env}
with open(os.path.join(kernel_dir, "kernel.json"), "w") as f:
    json.dump(spec, f, indent=2)
'''


def post_build():
    work = Path(tempfile.mkdtemp(prefix="binder-test-"))
    try:
        repo = work / "repo"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
        for changed in subprocess.run(["git", "ls-files", "-m", "-o", "--exclude-standard"], cwd=ROOT,
                                      capture_output=True, text=True).stdout.split():
            target = repo / changed
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / changed, target)   # test the working tree, not only the last commit
        stand_in = work / "ijava-1.3.0.zip"
        with zipfile.ZipFile(stand_in, "w") as z:
            z.writestr("install.py", STAND_IN_INSTALL)
            z.writestr("java/kernel.json", "{}")
        digest = hashlib.sha256(stand_in.read_bytes()).hexdigest()
        venv = work / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([venv / "bin/pip", "install", "-q", "--retries", "0", "-r", repo / "binder/requirements.txt"],
                       check=True, stderr=subprocess.DEVNULL)
        home = work / "home"
        home.mkdir()
        env = dict(os.environ, HOME=str(home), MLPLAB_IJAVA_ZIP=str(stand_in),
                   PATH=f"{venv / 'bin'}:{os.environ['PATH']}", MAVEN_OPTS=f"-Dmaven.repo.local={Path.home() / '.m2/repository'}")

        spec_file = venv / "share/jupyter/kernels/java/kernel.json"
        (repo / "binder/ijava.sha256").write_text("unpinned\n")
        fallback = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=dict(env, MLPLAB_IJAVA_ZIP=""),
                                  capture_output=True, text=True)
        check(fallback.returncode == 0 and "installing rapaio-jupyter-kernel" in fallback.stderr,
              "without a pinned checksum postBuild installs rapaio-jupyter-kernel instead, with a warning" +
              ("" if fallback.returncode == 0 else ":\n" + fallback.stdout[-2000:] + fallback.stderr[-3000:]))
        if spec_file.is_file():
            spec = json.loads(spec_file.read_text())
            check(spec["env"].get("OPENBLAS_THREAD_TIMEOUT") == "20", "the rapaio kernelspec sets tools/env.sh's environment")
            check(spec["env"].get("RJK_CLASSPATH") == f"{repo}/target/notebook-lib/*"
                  and Path(spec["argv"][spec["argv"].index("-jar") + 1]).is_file(),
                  "the rapaio kernelspec runs its jar with RJK_CLASSPATH at target/notebook-lib/*")
            startup = Path(spec["env"].get("RJK_INIT_SCRIPT", ""))
            check(startup.is_file() and "import org.mlplab.nn.*;" in startup.read_text(),
                  "the rapaio kernelspec's init script imports MLP Lab")
        else:
            check(False, "the rapaio kernelspec is installed into the environment (sys-prefix)")
        unverifiable = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, capture_output=True, text=True)
        check(unverifiable.returncode != 0 and "no checksum to check it against" in unverifiable.stderr,
              "postBuild refuses a local IJava zip while no checksum is pinned")

        (repo / "binder/ijava.sha256").write_text("0" * 64 + "\n")
        refused = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, capture_output=True, text=True)
        check(refused.returncode != 0 and "does not match the SHA-256" in refused.stderr,
              "postBuild refuses a zip that does not match the pinned SHA-256")

        (repo / "binder/ijava.sha256").write_text(digest + "\n")
        run = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, capture_output=True, text=True)
        check(run.returncode == 0, "postBuild succeeds with a matching zip" +
              ("" if run.returncode == 0 else ":\n" + run.stdout[-2000:] + run.stderr[-3000:]))
        check(spec_file.is_file(), "the kernelspec 'java' is installed into the environment (sys-prefix)")
        if spec_file.is_file():
            spec = json.loads(spec_file.read_text())
            check(spec["env"].get("IJAVA_CLASSPATH") == f"{repo}/target/notebook-lib/*",
                  "IJAVA_CLASSPATH points at target/notebook-lib/*")
            check(spec["env"].get("OPENBLAS_THREAD_TIMEOUT") == "20" and "-Djava.awt.headless=true" in spec["argv"],
                  "the IJava kernelspec gets tools/env.sh's environment and headless AWT")
            script = spec["env"].get("IJAVA_STARTUP_SCRIPT", "")
            check("import org.mlplab.nn.*;" in script and "Notebook.install();" in script,
                  "the start-up script imports MLP Lab and registers its renderers")
        check((repo / "target/notebook-lib/mlplab.jar").is_file(), "the library jar is in target/notebook-lib/")
        written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
        # the download path, with the stand-in served from a file:// URL
        spec_file.unlink()
        download = dict(env, MLPLAB_IJAVA_ZIP="", MLPLAB_IJAVA_URL=stand_in.as_uri())
        fetched = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=download, capture_output=True, text=True)
        check(fetched.returncode == 0 and "downloading IJava" in fetched.stderr and spec_file.is_file()
              and "IJAVA_CLASSPATH" in spec_file.read_text(),
              "postBuild downloads IJava, checks it and installs it" +
              ("" if fetched.returncode == 0 else ":\n" + fetched.stdout[-2000:] + fetched.stderr[-3000:]))
        missing = subprocess.run(["bash", "binder/postBuild"], cwd=repo, capture_output=True, text=True,
                                 env=dict(download, MLPLAB_IJAVA_URL=(work / "nowhere.zip").as_uri()))
        check(missing.returncode != 0 and "cannot download IJava" in missing.stderr,
              "postBuild fails when the download fails")
        check(not any(p.startswith((".local/share/jupyter/kernels", ".ipython/kernels")) for p in written),
              f"no kernelspec is installed into the home directory (it holds {written[:10]})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    static_checks()
    post_build()
    print(f"binder: {len(passes)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
