#!/usr/bin/env python3
"""nbgrader itself on MLP Lab's assignment, in a real Java kernel: a teacher's whole round.

In a temporary course directory with course/nbgrader_config.py: the solution notebook
(notebooks/08-assignment-solution.ipynb) as source, `nbgrader generate_assignment` (whose release
must match the committed template, notebooks/08-assignment.ipynb, cell by cell), three
submissions (the release unanswered, the solution, the solution with a derivative off by a factor 2),
`nbgrader autograde` in the given kernel, the scores from the gradebook, and
`nbgrader generate_feedback`, whose page for the wrong answer must say what is wrong.

Usage: test_nbgrader.py KERNEL   (run with the Python of the virtualenv that has nbgrader)
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSIGNMENT = "backprop"
results = []


def check(ok, what):
    results.append(ok)
    print(("ok    " if ok else "FAIL  ") + what, flush=True)


def nbgrader(course, *args):
    bin_dir = pathlib.Path(sys.executable).parent
    # nbgrader runs alembic (its database migrations) by name: the virtualenv's bin comes first
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=course, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        print(done.stdout + done.stderr)
        raise SystemExit(f"nbgrader {' '.join(args)} failed")
    return done


def code_cells(path):
    return [c for c in json.loads(pathlib.Path(path).read_text())["cells"] if c["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def main(kernel):
    with tempfile.TemporaryDirectory() as directory:
        course = pathlib.Path(directory)
        shutil.copy(ROOT / "course" / "nbgrader_config.py", course)
        (course / "source" / ASSIGNMENT).mkdir(parents=True)
        solution = course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        shutil.copy(ROOT / "notebooks" / "08-assignment-solution.ipynb", solution)

        nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
        release = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        released = code_cells(release)
        template = code_cells(ROOT / "notebooks" / "08-assignment.ipynb")
        answers = [c for c in released if c["metadata"].get("nbgrader", {}).get("solution")]
        check(len(answers) == 4 and all('throw new UnsupportedOperationException("not answered yet");' in source(c)
                                        and "BEGIN SOLUTION" not in source(c) for c in answers),
              "the release replaces each of the 4 answers with a stub that compiles and throws")
        check([source(c) for c in released] == [source(c) for c in template],
              "the released notebook's code is the committed template's, cell by cell")

        wrong = json.loads(solution.read_text())
        for cell in wrong["cells"]:
            if cell["metadata"].get("nbgrader", {}).get("grade_id") == "sigmoid_prime":
                cell["source"] = ("double sigmoid(double z) {\n    return 1 / (1 + Math.exp(-z));\n}\n\n"
                                  "double sigmoidPrime(double z) {\n    return 2 * sigmoid(z) * (1 - sigmoid(z));\n}")
        submissions = {"unanswered": release.read_text(), "solved": solution.read_text(), "wrong": json.dumps(wrong)}
        for student, text in submissions.items():
            path = course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
            path.parent.mkdir(parents=True)
            path.write_text(text)
        nbgrader(course, "autograde", ASSIGNMENT, "--force", f"--Execute.kernel_name={kernel}")

        from nbgrader.api import Gradebook
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            scores = {s: gradebook.find_submission(ASSIGNMENT, s).score for s in submissions}
            maximum = gradebook.find_assignment(ASSIGNMENT).max_score
        print(f"      scores: {scores} of {maximum}")
        check(maximum == 10, "the assignment is worth 10 points")
        check(scores["unanswered"] == 0, "the unanswered release gets 0 points")
        check(scores["solved"] == maximum, "the solution gets every point")
        check(scores["wrong"] == maximum - 2, "a derivative off by a factor 2 loses that part's 2 points only")

        nbgrader(course, "generate_feedback", ASSIGNMENT, "--force")
        feedback = (course / "feedback" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        check("sigmoidPrime is off by a factor 2 everywhere" in feedback, "the feedback says what is wrong with the answer")
    failed = results.count(False)
    print(f"nbgrader: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "java"))
