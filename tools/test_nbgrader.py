#!/usr/bin/env python3
"""nbgrader itself on MLP Lab's assignments, in a real Java kernel: a teacher's whole round.

For each assignment, in a temporary course directory with course/nbgrader_config.py: the solution
notebook as source, `nbgrader generate_assignment` (whose release must match the committed
template cell by cell), three submissions (the release unanswered, the solution, the solution with one
line of one answer changed), `nbgrader autograde` in the given kernel, the scores from the gradebook, and
`nbgrader generate_feedback`, whose page for the spoiled answer must say what is wrong.

Usage: test_nbgrader.py KERNEL   (run with the Python of the virtualenv that has nbgrader)
"""
import html
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
# name, solution, template, points, the spoiled answer (its cell, a line of the solution and what replaces it),
# its score, a phrase of its feedback
ASSIGNMENTS = [
    ("backprop", "08-assignment-solution.ipynb", "08-assignment.ipynb", 10,
     ("sigmoid_prime", "return s * (1 - s);", "return 2 * s * (1 - s);"),
     8, "sigmoidPrime is off by a factor 2 everywhere"),
    ("activation", "11-assignment-activation-solution.ipynb", "11-assignment-activation.ipynb", 5,
     ("my_softsign", "z -> softsignPrime(z));", "z -> 2 * softsignPrime(z));"),
     2, "not trained: activation 'softsign': f' is off by a factor 2"),
    ("matrix", "12-assignment-matrix-backprop-solution.ipynb", "12-assignment-matrix-backprop.ipynb", 10,
     ("output_gradients", "row[j] /= a.length;", "row[j] /= 1;"),   # forgets the 1/B of the mean loss
     5, "(off by a factor 8;"),
    ("repair", "13-assignment-repair-solution.ipynb", "13-assignment-repair.ipynb", 10,
     ("repair", "Init.XAVIER", "Init.normal(1.0)"),   # repairs nothing
     2, "the repaired network is not healthy yet: saturated units"),
    ("batchnorm", "14-assignment-batchnorm-solution.ipynb", "14-assignment-batchnorm.ipynb", 10,
     ("norm_backward", "scale * (deltaY[k][j] - meanDelta - xHat[k][j] * meanDeltaXHat)", "scale * deltaY[k][j]"),
     5, "δz["),   # as if μ and σ² did not depend on z
]
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
    for assignment in ASSIGNMENTS:
        grade(kernel, *assignment)
    failed = results.count(False)
    print(f"nbgrader: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def grade(kernel, name, solution_file, template_file, points, spoil, wrong_score, feedback_phrase):
    print(f"      assignment {name} ({solution_file})", flush=True)
    with tempfile.TemporaryDirectory() as directory:
        course = pathlib.Path(directory)
        shutil.copy(ROOT / "course" / "nbgrader_config.py", course)
        (course / "source" / name).mkdir(parents=True)
        solution = course / "source" / name / f"{name}.ipynb"
        shutil.copy(ROOT / "notebooks" / solution_file, solution)

        nbgrader(course, "generate_assignment", name, "--force")
        release = course / "release" / name / f"{name}.ipynb"
        released = code_cells(release)
        answers = [c for c in released if c["metadata"].get("nbgrader", {}).get("solution")]
        check(answers and all('throw new UnsupportedOperationException("not answered yet");' in source(c)
                              and "BEGIN SOLUTION" not in source(c) for c in answers),
              f"the release replaces each of the {len(answers)} answers with a stub that compiles and throws")
        check([source(c) for c in released] == [source(c) for c in code_cells(ROOT / "notebooks" / template_file)],
              f"the released notebook's code is the committed template's ({template_file}), cell by cell")

        spoiled, right_line, wrong_line = spoil
        wrong = json.loads(solution.read_text())
        answer = [c for c in wrong["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == spoiled]
        if len(answer) != 1 or right_line not in source(answer[0]):
            raise SystemExit(f"{solution_file}: no answer cell {spoiled!r} with {right_line!r} to spoil")
        answer[0]["source"] = source(answer[0]).replace(right_line, wrong_line)
        submissions = {"unanswered": release.read_text(), "solved": solution.read_text(), "wrong": json.dumps(wrong)}
        for student, text in submissions.items():
            path = course / "submitted" / student / name / f"{name}.ipynb"
            path.parent.mkdir(parents=True)
            path.write_text(text)
        nbgrader(course, "autograde", name, "--force", f"--Execute.kernel_name={kernel}")

        from nbgrader.api import Gradebook
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            scores = {s: gradebook.find_submission(name, s).score for s in submissions}
            maximum = gradebook.find_assignment(name).max_score
        print(f"      scores: {scores} of {maximum}")
        check(maximum == points, f"the assignment is worth {points} points")
        check(scores["unanswered"] == 0, "the unanswered release gets 0 points")
        check(scores["solved"] == maximum, "the solution gets every point")
        check(scores["wrong"] == wrong_score, f"the spoiled answer ({spoiled}) gets {wrong_score} points")

        nbgrader(course, "generate_feedback", name, "--force")
        feedback = html.unescape((course / "feedback" / "wrong" / name / f"{name}.html").read_text())
        check(feedback_phrase in feedback, "the feedback says what is wrong with the answer")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "java"))
