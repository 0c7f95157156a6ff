#!/usr/bin/python3
"""MLP Lab's peers (scikit-learn, PyTorch) on the workloads of `./mlplab bench`.

Trains the networks MLP Lab's own benchmark (org.mlplab.bench.Bench) trains, with the libraries
a notebook user would otherwise pick, and reports the same figures under the same names:

  sklearn  MLPClassifier(solver='adam'), every epoch run (no early stopping, no tolerance stop)
  torch    PyTorch on the CPU: nn.Sequential of Linear/ReLU, a hand-written mini-batch loop that
           slices a shuffled permutation (torch.randperm with a seeded generator)

  iris     4-16-3,             batch 16,  200 epochs  src/main/resources/org/mlplab/data/iris.csv
  digits   64-32-10,           batch 32,   50 epochs  src/main/resources/org/mlplab/data/digits.csv
  fashion  784-256-128-10,     batch 128,   5 epochs  Debian's dataset-fashion-mnist (IDX files)

Everywhere: ReLU hidden layers, softmax cross-entropy, Adam (lr 1e-3, betas .9/.999, eps 1e-8),
no weight decay, reshuffled every epoch, float32. iris and digits: stratified 80/20 split
(train_test_split, random_state = the run's seed); iris standardised with the training rows' mean
and standard deviation, digits divided by 16; Fashion-MNIST 60,000/10,000, pixels divided by 255.

Every run is a fresh child process: its thread settings (OPENBLAS_NUM_THREADS and OMP_NUM_THREADS
set before numpy or torch is imported, and torch.set_num_threads) are its own, and its peak RSS
(ru_maxrss: interpreter, libraries and data included) is per run. seconds_per_epoch times the
training loop only: not data loading, not model creation (for scikit-learn, the time of fit(),
whose input checks and weight initialisation are a tiny part of it). Each run's record names the
thread counts the child really had (torch_threads, blas_threads) and the thread-related environment
it ran in (env): OMP_WAIT_POLICY and OPENBLAS_THREAD_TIMEOUT, when set, pass through to every run.

Usage (Debian's python3 with apt's python3-sklearn, python3-torch, dataset-fashion-mnist):
  tools/peers.py --dataset iris,digits --peer sklearn,torch --threads 1,2 --repeats 3
  tools/peers.py --dataset fashion --peer torch --epochs 1 --repeats 1
  tools/peers.py --dataset fashion --hidden 2048,2048 --batch 256 --threads 1,2 --jsonl wide.jsonl
  tools/peers.py --dataset all --jsonl -      # JSON lines on stdout instead of the table
Progress goes to stderr; the table of medians (per dataset, shape, peer, threads) to stdout.
"""
import argparse
import csv
import gzip
import importlib
import json
import os
import platform
import resource
import statistics
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "src", "main", "resources", "org", "mlplab", "data")
FASHION = "/usr/share/datasets/fashion-mnist"   # Debian's dataset-fashion-mnist
WORKLOADS = {"iris": ((16,), 16, 200), "digits": ((32,), 32, 50), "fashion": ((256, 128), 128, 5)}
PEERS = ("sklearn", "torch")
ENV_SHOWN = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_THREAD_TIMEOUT", "OMP_WAIT_POLICY")


# ---- data (in the child) ----

def table(name, target, seed):
    """A CSV of the project's data, split 80/20 stratified; labels in sorted order of their names."""
    import numpy as np
    from sklearn.model_selection import train_test_split
    with open(os.path.join(DATA, name + ".csv"), newline="") as f:
        header, *rows = list(csv.reader(f))
    t = header.index(target)
    x = np.array([[float(v) for j, v in enumerate(row) if j != t] for row in rows])
    _, y = np.unique([row[t] for row in rows], return_inverse=True)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, stratify=y, random_state=seed)
    return x_train, y_train, x_test, y_test


def idx(name):
    """One IDX file of Fashion-MNIST (gzipped or not) as a uint8 array."""
    import numpy as np
    path = next((p for p in (f"{FASHION}/{name}.gz", f"{FASHION}/{name}") if os.path.exists(p)), None)
    if path is None:
        sys.exit(f"neither {name}.gz nor {name} is in {FASHION}: install Debian's dataset-fashion-mnist")
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    dims = struct.unpack(f">{raw[3]}I", raw[4:4 + 4 * raw[3]])
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def load(dataset, seed):
    """x_train, y_train, x_test, y_test: float32 features, int64 labels."""
    import numpy as np
    if dataset == "fashion":   # pixels straight to float32, in place: no float64 copy inflates the peak RSS
        parts = [idx("train-images-idx3-ubyte").reshape(-1, 784).astype(np.float32), idx("train-labels-idx1-ubyte"),
                 idx("t10k-images-idx3-ubyte").reshape(-1, 784).astype(np.float32), idx("t10k-labels-idx1-ubyte")]
        parts[0] /= 255
        parts[2] /= 255
    elif dataset == "digits":
        parts = list(table("digits", "digit", seed))
        parts[0], parts[2] = parts[0] / 16.0, parts[2] / 16.0
    else:
        parts = list(table("iris", "species", seed))
        mean, sd = parts[0].mean(axis=0), parts[0].std(axis=0)
        sd[sd == 0] = 1
        parts[0], parts[2] = (parts[0] - mean) / sd, (parts[2] - mean) / sd
    return [np.ascontiguousarray(p, np.float32 if i % 2 == 0 else np.int64) for i, p in enumerate(parts)]


# ---- the peers (in the child) ----

def train_sklearn(x_train, y_train, x_test, y_test, hidden, batch, epochs, seed, threads):
    import warnings
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    model = MLPClassifier(hidden_layer_sizes=hidden, activation="relu", solver="adam", alpha=0.0,
                          batch_size=batch, learning_rate_init=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                          max_iter=epochs, shuffle=True, random_state=seed, tol=0.0,
                          n_iter_no_change=epochs + 1, early_stopping=False)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)   # max_iter reached: that is the point
        model.fit(x_train, y_train)
    seconds = time.perf_counter() - start
    assert model.n_iter_ == epochs, f"sklearn stopped after {model.n_iter_} of {epochs} epochs"
    return dict(seconds=seconds, test_accuracy=float(model.score(x_test, y_test)), last_epoch_loss=float(model.loss_),
                dtype=str(model.coefs_[0].dtype), versions=dict(sklearn=sklearn.__version__))


def train_torch(x_train, y_train, x_test, y_test, hidden, batch, epochs, seed, threads):
    import torch
    from torch import nn
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    widths = [x_train.shape[1], *hidden]
    layers = []
    for n_in, n_out in zip(widths, widths[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    model = nn.Sequential(*layers, nn.Linear(widths[-1], int(y_train.max()) + 1))
    adam = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    loss_of = nn.CrossEntropyLoss()   # softmax cross-entropy on the logits
    x, y = torch.from_numpy(x_train), torch.from_numpy(y_train)
    shuffles = torch.Generator().manual_seed(seed)
    epoch_seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(len(x), generator=shuffles)
        for i in range(0, len(x), batch):
            rows = order[i:i + batch]
            adam.zero_grad(set_to_none=True)
            loss = loss_of(model(x[rows]), y[rows])
            loss.backward()
            adam.step()
        epoch_seconds.append(time.perf_counter() - start)
    model.eval()
    with torch.no_grad():
        predicted = model(torch.from_numpy(x_test)).argmax(dim=1).numpy()
    return dict(seconds=sum(epoch_seconds), first_epoch_seconds=epoch_seconds[0],
                median_epoch_seconds=statistics.median(epoch_seconds),
                test_accuracy=float((predicted == y_test).mean()), last_batch_loss=float(loss.item()),
                dtype=str(next(model.parameters()).dtype), torch_threads=torch.get_num_threads(),
                versions=dict(torch=torch.__version__))


def blas():
    """(threads, library and version) of the BLAS this process loaded, as threadpoolctl sees it."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None, None
    pools = [p for p in threadpool_info() if p["user_api"] == "blas"]
    if not pools:
        return None, None
    return pools[0]["num_threads"], f"{pools[0]['internal_api']} {pools[0].get('version')}"


def child(run):
    """One training run, as the parent described it; prints its record as one JSON line."""
    import numpy as np
    importlib.import_module("torch" if run["peer"] == "torch" else "sklearn.neural_network")   # before cpu_seconds
    x_train, y_train, x_test, y_test = load(run["dataset"], run["seed"])
    train = train_torch if run["peer"] == "torch" else train_sklearn
    load1 = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    result = train(x_train, y_train, x_test, y_test, tuple(run["hidden"]), run["batch"], run["epochs"],
                   run["seed"], run["threads"])
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    seconds = result.pop("seconds")
    steps = run["epochs"] * -(-len(x_train) // run["batch"])   # the last, partial batch included
    blas_threads, blas_library = blas()
    result["versions"].update(python=platform.python_version(), numpy=np.__version__, blas=blas_library)
    record = dict(run, train_rows=len(x_train), test_rows=len(x_test), features=x_train.shape[1],
                  classes=int(y_train.max()) + 1, steps=steps, seconds_per_epoch=seconds / run["epochs"],
                  samples_per_second=len(x_train) * run["epochs"] / seconds, us_per_step=seconds / steps * 1e6,
                  **result, blas_threads=blas_threads,
                  cpu_seconds=round(cpu_after.ru_utime + cpu_after.ru_stime
                                    - cpu_before.ru_utime - cpu_before.ru_stime, 3),
                  load1_at_start=load1, peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  env={k: os.environ[k] for k in ENV_SHOWN if k in os.environ})
    print(json.dumps(record))


# ---- the parent ----

def spawn(run):
    """Runs one child with the run's thread counts in its environment; returns its record."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(run["threads"]), OMP_NUM_THREADS=str(run["threads"]))
    p = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", json.dumps(run)],
                       env=env, stdout=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"peers.py: the {run['peer']} run on {run['dataset']} failed (exit {p.returncode})")
    record = json.loads(p.stdout.strip().splitlines()[-1])
    for kind in ("torch_threads", "blas_threads"):
        if record.get(kind) not in (None, run["threads"]):
            print(f"peers.py: warning: asked for {run['threads']} threads, the child had {kind}={record[kind]}",
                  file=sys.stderr)
    return record


def shape(r):
    return "-".join(map(str, [r["features"], *r["hidden"], r["classes"]])) + f", batch {r['batch']}"


def spread(values, fmt):
    """The median, and [min-max] when there are several."""
    text = fmt.format(statistics.median(values))
    return text if len(values) == 1 else f"{text} [{fmt.format(min(values))}-{fmt.format(max(values))}]"


def print_table(records):
    groups = {}
    for r in records:
        groups.setdefault((r["dataset"], shape(r), r["peer"], r["threads"]), []).append(r)
    print("| dataset | shape | peer | threads | runs | s/epoch | µs/step | test accuracy | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (dataset, layers, peer, threads), rs in groups.items():
        col = lambda key: [r[key] for r in rs]   # noqa: E731
        print(f"| {dataset} | {layers} | {peer} | {threads} | {len(rs)} | {spread(col('seconds_per_epoch'), '{:.4g}')} "
              f"| {spread(col('us_per_step'), '{:.1f}')} | {spread(col('test_accuracy'), '{:.4f}')} "
              f"| {spread(col('peak_rss_mb'), '{:.0f}')} |")
    print("medians [min-max]; shape: input-hidden-output layers")


def names(ap, text, allowed, what):
    chosen = list(allowed) if text == "all" else text.split(",")
    unknown = [c for c in chosen if c not in allowed]
    if unknown:
        ap.error(f"unknown {what} {', '.join(unknown)}: use {', '.join(allowed)} or all")
    return chosen


def positive_ints(text):
    values = [int(v) for v in text.split(",")]
    if any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"not a positive number in {text}")
    return values


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="all", help="iris, digits, fashion, a comma list of them, or all")
    ap.add_argument("--peer", default="all", help="sklearn, torch, sklearn,torch or all")
    ap.add_argument("--threads", type=positive_ints, default=[1],
                    help="threads of a run (BLAS, OpenMP, torch); a comma list runs each: 1,2")
    ap.add_argument("--hidden", type=positive_ints, help="hidden layer widths instead of the workload's: 1024,1024")
    ap.add_argument("--batch", type=int, help="batch size instead of the workload's")
    ap.add_argument("--epochs", type=int, help="epochs instead of the workload's")
    ap.add_argument("--repeats", type=int, default=3, help="runs of each setting, interleaved (default 3)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the first repeat; repeat i uses seed + i")
    ap.add_argument("--jsonl", help="append one JSON line per run to this file; - writes them to stdout, "
                                    "without the table")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(json.loads(args.child))
    datasets = names(ap, args.dataset, WORKLOADS, "dataset")
    peers = names(ap, args.peer, PEERS, "peer")
    for option in ("batch", "epochs", "repeats"):
        if getattr(args, option) is not None and getattr(args, option) < 1:
            ap.error(f"--{option} must be at least 1")
    records = []
    # round-robin over every setting, repeat by repeat: load from other processes spreads over all alike
    for repeat in range(args.repeats):
        for dataset in datasets:
            hidden, batch, epochs = WORKLOADS[dataset]
            for peer in peers:
                for threads in args.threads:
                    run = dict(peer=peer, dataset=dataset, hidden=args.hidden or list(hidden),
                               batch=args.batch or batch, epochs=args.epochs or epochs, threads=threads,
                               seed=args.seed + repeat)
                    r = spawn(run)
                    records.append(r)
                    print(f"  {dataset} {peer} threads={threads} seed={r['seed']}: {r['seconds_per_epoch']:.4g} s/epoch, "
                          f"{r['us_per_step']:.1f} µs/step, accuracy {r['test_accuracy']:.4f}, "
                          f"RSS {r['peak_rss_mb']:.0f} MB (load {r['load1_at_start']:.2f})", file=sys.stderr, flush=True)
                    if args.jsonl == "-":
                        print(json.dumps(r), flush=True)
                    elif args.jsonl:
                        with open(args.jsonl, "a") as f:
                            f.write(json.dumps(r) + "\n")
    if args.jsonl != "-":
        print_table(records)


if __name__ == "__main__":
    main()
