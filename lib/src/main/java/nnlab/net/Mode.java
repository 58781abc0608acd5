package nnlab.net;

/** Whether a forward pass draws dropout masks (TRAINING) or uses the test-time network (INFERENCE). */
public enum Mode { TRAINING, INFERENCE }
