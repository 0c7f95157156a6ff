"""Tests binder/ as far as this machine allows (no Docker engine, no GitHub):

- static: bash -n and shellcheck on the scripts, every requirement pinned with ==, every apt
  package known to apt, versions agreeing between pom.xml, the launcher and binder/;
- postBuild run for real in a sandbox: a clone of the repository, a temporary HOME, a fresh
  virtualenv with the pinned requirements, Maven for real, and an IJava zip: the real release when
  MLPLAB_IJAVA_ZIP names it (checked against the pinned digests), else a stand-in whose install.py
  takes IJava's options and writes kernel.json like IJava does, with its own digests written into
  the sandbox's binder/ijava.sha256. Then the kernelspec (JDK 17, heap, signal interrupts, the
  classpath and start-up script) and the smoke test's PNG are checked. A zip whose contents differ
  from the pinned digests must be refused, a re-packed one with the same contents accepted; the
  download is tried for real from a file:// URL (MLPLAB_IJAVA_URL), and a failed one fails.

- what repo2docker (pinned in tools/repo2docker.txt) generates for binder/, from `repo2docker
  --no-build`: the Ubuntu image, every package of apt.txt, the pinned requirements, postBuild run
  as the notebook user.

Not testable here: the image build (it needs Docker), Ubuntu's package lists (apt.txt is checked
against Debian's), and the download from GitHub.
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
SCRIPTS = ["binder/postBuild", "tools/ijava-zip", "tools/install-ijava", "tools/install-jjava", "tools/install-rapaio",
           "tools/env.sh",
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
    pins = [l.split() for l in (ROOT / "binder/ijava.sha256").read_text().splitlines() if l.strip()]
    check(sorted(name for _, name in pins) == ["install.py", "java/ijava-1.3.0.jar", "java/kernel.json"]
          and all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest, _ in pins),
          "binder/ijava.sha256 pins the SHA-256 of IJava's jar, install.py and kernel.json")
    post_build_script = (ROOT / "binder/postBuild").read_text()
    check("-Dmaven.test.skip=true" in post_build_script, "postBuild neither compiles nor runs the tests")
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
import shutil
prefix = sys.prefix if a.sys_prefix else a.prefix
kernel_dir = os.path.join(prefix, "share", "jupyter", "kernels", "java")
shutil.copytree(os.path.join(os.path.dirname(os.path.abspath(__file__)), "java"), kernel_dir, dirs_exist_ok=True)
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
        real = os.environ.get("MLPLAB_IJAVA_ZIP")
        entries = {"install.py": STAND_IN_INSTALL.encode(), "java/kernel.json": b"{}", "java/ijava-1.3.0.jar": b"jar"}
        stand_in = work / "ijava-1.3.0.zip"
        with zipfile.ZipFile(stand_in, "w", zipfile.ZIP_DEFLATED) as z:
            for name, content in entries.items():
                z.writestr(name, content)
        if real:
            zip_file = Path(real)
        else:   # the sandbox pins the stand-in's own digests
            zip_file = stand_in
            (repo / "binder/ijava.sha256").write_text(
                "".join(f"{hashlib.sha256(c).hexdigest()}  {name}\n" for name, c in entries.items()))
        venv = work / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([venv / "bin/pip", "install", "-q", "--retries", "0", "-r", repo / "binder/requirements.txt"],
                       check=True, stderr=subprocess.DEVNULL)
        home = work / "home"
        home.mkdir()
        env = dict(os.environ, HOME=str(home), MLPLAB_IJAVA_ZIP=str(zip_file),
                   PATH=f"{venv / 'bin'}:{os.environ['PATH']}", MAVEN_OPTS=f"-Dmaven.repo.local={Path.home() / '.m2/repository'}")
        env.pop("JAVA_HOME", None)
        spec_file = venv / "share/jupyter/kernels/java/kernel.json"

        subprocess.run([venv / "bin/pip", "install", "-q", "--retries", "0", "-r", ROOT / "tools/repo2docker.txt"],
                       check=True, stderr=subprocess.DEVNULL)
        generated = subprocess.run([venv / "bin/repo2docker", "--no-build", "--debug", str(repo)], capture_output=True,
                                   text=True, env=env)
        dockerfile = generated.stdout + generated.stderr
        check("FROM docker.io/library/buildpack-deps:24.04" in dockerfile, "repo2docker builds on Ubuntu 24.04")
        apt_line = next((l for l in dockerfile.splitlines() if "apt-get install" in l and "libopenblas0" in l), "")
        packages = (ROOT / "binder/apt.txt").read_text().split()
        check(all(f" {p} " in apt_line + " " for p in packages), f"repo2docker installs every package of apt.txt ({apt_line})")
        check('pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile,
              "repo2docker installs the pinned requirements")
        before_post_build = dockerfile.split("RUN ./binder/postBuild")[0].splitlines()
        users = [l for l in before_post_build if l.startswith("USER ")]
        check("RUN ./binder/postBuild" in dockerfile and users[-1:] == ["USER ${NB_USER}"],
              "repo2docker runs postBuild as the notebook user")

        tampered = work / "tampered.zip"
        with zipfile.ZipFile(tampered, "w") as z:
            for name, content in entries.items():
                z.writestr(name, content + (b" " if name.endswith(".jar") else b""))
        refused = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=dict(env, MLPLAB_IJAVA_ZIP=str(tampered)),
                                 capture_output=True, text=True)
        check(refused.returncode != 0 and "do not match the SHA-256 digests" in refused.stderr,
              "postBuild refuses a zip whose jar differs from the pinned digest")

        run = subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, capture_output=True, text=True)
        check(run.returncode == 0, f"postBuild succeeds with {'the real IJava zip' if real else 'a matching zip'}" +
              ("" if run.returncode == 0 else ":\n" + run.stdout[-2000:] + run.stderr[-3000:]))
        check(spec_file.is_file(), "the kernelspec 'java' is installed into the environment (sys-prefix)")
        if spec_file.is_file():
            spec = json.loads(spec_file.read_text())
            check(spec["env"].get("IJAVA_CLASSPATH") == f"{repo}/target/notebook-lib/*",
                  "IJAVA_CLASSPATH points at target/notebook-lib/*")
            check(re.fullmatch(r"/usr/lib/jvm/java-17-openjdk-[^/]+/bin/java", spec["argv"][0]) is not None,
                  f"the kernel runs JDK 17 by its path, whatever comes first on the PATH ({spec['argv'][0]})")
            jar = spec["argv"][spec["argv"].index("-jar") + 1]
            check(jar.startswith("{resource_dir}/") and (spec_file.parent / jar.split("/", 1)[1]).is_file(),
                  f"the kernelspec runs IJava's jar from its own directory ({jar})")
            check(spec["env"].get("OPENBLAS_THREAD_TIMEOUT") == "20" and "-Djava.awt.headless=true" in spec["argv"]
                  and "-Xmx1400m" in spec["argv"],
                  "the IJava kernelspec gets tools/env.sh's environment, headless AWT and a heap for a 2 GB pod")
            check(spec.get("interrupt_mode") == "signal", "the stop button reaches the kernel as a signal")
            script = spec["env"].get("IJAVA_STARTUP_SCRIPT", "")
            check("import org.mlplab.nn.*;" in script and "Notebook.install();" in script,
                  "the start-up script imports MLP Lab and registers its renderers")
        check((repo / "target/notebook-lib/mlplab.jar").is_file(), "the library jar is in target/notebook-lib/")
        check(not (repo / "target/test-classes").exists(), "no test was compiled")
        written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())

        # the same contents packed again (other compression, other order) are accepted
        repacked = work / "repacked.zip"
        with zipfile.ZipFile(zip_file) as src, zipfile.ZipFile(repacked, "w", zipfile.ZIP_STORED) as z:
            for name in reversed(src.namelist()):
                z.writestr(name, src.read(name))
        accepted = subprocess.run(["bash", "tools/ijava-zip", str(work / "dl")], cwd=repo,
                                  env=dict(env, MLPLAB_IJAVA_ZIP=str(repacked)), capture_output=True, text=True)
        check(accepted.returncode == 0, "a re-packed zip with the same contents is accepted" + accepted.stderr)

        # the download path, served from a file:// URL
        spec_file.unlink()
        download = dict(env, MLPLAB_IJAVA_ZIP="", MLPLAB_IJAVA_URL=zip_file.as_uri())
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
