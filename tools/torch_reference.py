#!/usr/bin/python3
"""PyTorch as the second implementation of MLP Lab's forward and backward pass.

Reads a network and a batch as JSON on stdin, runs the forward pass in float64 and autograd's
backward pass, and writes the gradient of every parameter (named as MLP Lab names them: W1, b1,
γ1, β1, ...), the loss and batch normalisation's updated running statistics as JSON on stdout.

Input: {"x": [[...]], "t": [[...]], "loss": "cross_entropy" | "mse",
        "layers": [{"W": [[in x units]], "b": [units], "activation": "tanh" | "sigmoid" | "relu" |
                    "identity" | "softmax", "batchNorm": {"gamma": [...], "beta": [...]} or null,
                    "residual": bool, "projection": [[in x units]] or null, "mask": [[batch x units]] or null}]}
The mask is dropout's, already scaled (0 or 1/(1-p)); MLP Lab's layer is
  z = a W + b; z = batch_norm(z) (training mode); a = f(z); out = (a + input P or a + input) * mask.
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)

ACTIVATIONS = {
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "identity": lambda z: z,
}


def main():
    spec = json.load(sys.stdin)
    a = torch.tensor(spec["x"])
    t = torch.tensor(spec["t"])
    params = {}
    running = {}
    layers = spec["layers"]
    logits = None
    for i, layer in enumerate(layers, start=1):
        w = torch.tensor(layer["W"], requires_grad=True)
        b = torch.tensor(layer["b"], requires_grad=True)
        params[f"W{i}"], params[f"b{i}"] = w, b
        z = a @ w + b
        norm = layer.get("batchNorm")
        if norm:
            gamma = torch.tensor(norm["gamma"], requires_grad=True)
            beta = torch.tensor(norm["beta"], requires_grad=True)
            params[f"γ{i}"], params[f"β{i}"] = gamma, beta
            mean = torch.zeros(z.shape[1])
            var = torch.ones(z.shape[1])
            z = torch.nn.functional.batch_norm(z, mean, var, gamma, beta, training=True, momentum=0.1, eps=1e-5)
            running[f"mean{i}"], running[f"variance{i}"] = mean.tolist(), var.tolist()
        if layer["activation"] == "softmax":
            logits = z
            out = torch.softmax(z, dim=1)
        else:
            out = ACTIVATIONS[layer["activation"]](z)
        if layer.get("projection") is not None:
            p = torch.tensor(layer["projection"], requires_grad=True)
            params[f"P{i}"] = p
            out = out + a @ p
        elif layer.get("residual"):
            out = out + a
        if layer.get("mask") is not None:
            out = out * torch.tensor(layer["mask"])
        a = out
    if spec["loss"] == "cross_entropy":
        loss = -(t * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()
    else:
        loss = ((a - t) ** 2).mean()
    loss.backward()
    result = {name: p.grad.tolist() for name, p in params.items()}
    result["loss"] = loss.item()
    result["running"] = running
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
