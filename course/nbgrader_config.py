# nbgrader's configuration for MLP Lab's course assignments (Java notebooks). See the README,
# "Course assignments with nbgrader", for the steps from source notebooks to graded feedback.
c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.course_id = "mlplab"

# What a released answer cell holds instead of the solution: a stub that compiles in JShell (a
# method body must return or throw) and fails when it runs, so every check of an unanswered part
# fails and gets no points.
c.ClearSolutions.code_stub = {
    "java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("not answered yet");',
}

# A Java kernel starts in a few seconds; a whole assignment runs in well under a minute.
c.Execute.timeout = 300
c.Execute.startup_timeout = 120
