/** MLP Lab: multilayer perceptrons trained by backpropagation, made for Java notebooks. */
package org.mlplab;
