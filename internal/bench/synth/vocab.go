package synth

// The vocabulary mirrors ../shared/bench/gen_corpus.py (the peer-benchmark
// corpus written for Hugo and Eleventy), so both generators produce text of
// the same flavour and density; lecgen's own generator adds what that corpus
// leaves out: aliases, cross-links, speaker notes and callouts.

type glossaryEntry struct {
	term       string
	aliases    []string
	definition string
}

var glossary = []glossaryEntry{
	{"LoRA", []string{"low-rank adaptation", "LoRA adapters"}, "Low-rank adaptation: fine-tuning by learning small low-rank update matrices next to frozen weights."},
	{"zero-shot transfer", []string{"zero-shot"}, "Applying a model to a task or domain it never saw labelled examples of."},
	{"catastrophic forgetting", nil, "Loss of previously learned behaviour when a network is trained on new data."},
	{"fine-tuning", []string{"fine-tune", "fine-tuned"}, "Continuing training of a pre-trained model on a narrower dataset."},
	{"gradient descent", []string{"stochastic gradient descent"}, "Iteratively moving parameters against the gradient of the loss."},
	{"backpropagation", []string{"backprop", "back-propagation"}, "Computing gradients layer by layer with the chain rule."},
	{"attention mechanism", []string{"attention weights"}, "Weighting inputs by learned relevance scores computed from queries and keys."},
	{"transformer", []string{"transformers"}, "Architecture built from stacked self-attention and feed-forward blocks."},
	{"tokenization", []string{"tokenizer", "tokenizers"}, "Splitting raw text into the discrete units a model consumes."},
	{"embedding", []string{"embeddings"}, "A dense vector representation of a discrete item."},
	{"overfitting", []string{"overfit", "over-fitting"}, "Fitting noise in the training set at the expense of generalisation."},
	{"regularization", []string{"regularizer"}, "Any technique that discourages overly complex solutions."},
	{"dropout", nil, "Randomly zeroing activations during training to reduce co-adaptation."},
	{"batch normalization", []string{"batch norm", "BatchNorm"}, "Normalising activations with mini-batch statistics."},
	{"layer normalization", []string{"layer norm", "LayerNorm"}, "Normalising activations across the feature dimension of each example."},
	{"learning rate schedule", []string{"learning-rate schedule", "LR schedule"}, "A rule that changes the step size over the course of training."},
	{"weight decay", []string{"L2 penalty"}, "Shrinking weights towards zero at every update step."},
	{"cross-entropy", []string{"cross-entropy loss"}, "The negative log-likelihood of the correct class under the model."},
	{"softmax", nil, "Turning a vector of scores into a probability distribution."},
	{"beam search", nil, "Decoding that keeps the k most probable partial sequences."},
	{"perplexity", nil, "The exponential of the average negative log-likelihood per token."},
	{"knowledge distillation", []string{"distillation"}, "Training a small student to imitate a large teacher."},
	{"quantization", []string{"quantized"}, "Representing weights or activations with fewer bits."},
	{"pruning", nil, "Removing weights, neurons or heads that contribute little."},
	{"mixture of experts", []string{"MoE"}, "Routing each input to a few specialised sub-networks."},
	{"retrieval-augmented generation", []string{"RAG"}, "Conditioning generation on documents fetched from an index."},
	{"prompt engineering", nil, "Designing model inputs to elicit the desired behaviour."},
	{"in-context learning", []string{"ICL"}, "Learning a task from examples placed in the prompt, without weight updates."},
	{"few-shot learning", []string{"few-shot"}, "Learning from a handful of labelled examples."},
	{"chain-of-thought", []string{"CoT"}, "Prompting a model to produce intermediate reasoning steps."},
	{"RLHF", nil, "Reinforcement learning from human feedback."},
	{"reward model", []string{"reward models"}, "A model trained to score outputs according to preferences."},
	{"policy gradient", []string{"policy gradients"}, "Optimising a policy directly by estimating the gradient of expected return."},
	{"PPO", nil, "Proximal policy optimisation, a clipped policy-gradient method."},
	{"contrastive learning", []string{"contrastive objective"}, "Learning representations by pulling positives together and pushing negatives apart."},
	{"self-supervised learning", []string{"self-supervision"}, "Learning from labels derived automatically from the data itself."},
	{"masked language modeling", []string{"MLM"}, "Predicting hidden tokens from their context."},
	{"autoregressive decoding", nil, "Generating one token at a time, each conditioned on the previous ones."},
	{"KV cache", []string{"key-value cache"}, "Stored attention keys and values reused across decoding steps."},
	{"positional encoding", []string{"positional encodings"}, "Information about token order injected into the representation."},
	{"residual connection", []string{"skip connection", "residual connections"}, "Adding a block's input to its output to ease optimisation."},
	{"vanishing gradient", []string{"vanishing gradients"}, "Gradients shrinking exponentially as they flow through many layers."},
	{"Adam optimizer", []string{"Adam", "AdamW"}, "Adaptive moment estimation: per-parameter step sizes from gradient moments."},
	{"curriculum learning", nil, "Presenting training examples in a meaningful order, easy to hard."},
	{"data augmentation", []string{"augmentation"}, "Creating modified copies of training examples to enlarge the dataset."},
	{"domain adaptation", nil, "Adjusting a model trained on one distribution to another."},
	{"transfer learning", nil, "Reusing knowledge from one task to speed up learning on another."},
	{"meta-learning", nil, "Learning how to learn across a distribution of tasks."},
	{"active learning", nil, "Choosing which unlabelled examples to send for annotation."},
	{"ensemble", []string{"ensembles"}, "Combining the predictions of several models."},
	{"bias-variance tradeoff", nil, "The tension between underfitting and sensitivity to the training sample."},
	{"cross-validation", nil, "Estimating generalisation by rotating held-out folds."},
	{"precision", nil, "The fraction of predicted positives that are correct."},
	{"recall", nil, "The fraction of actual positives that are found."},
	{"F1 score", []string{"F1"}, "The harmonic mean of precision and recall."},
	{"ROC curve", []string{"ROC"}, "True-positive rate plotted against false-positive rate over thresholds."},
	{"hyperparameter", []string{"hyperparameters"}, "A setting chosen before training rather than learned."},
	{"latent space", nil, "The internal representation space a model maps inputs into."},
	{"variational autoencoder", []string{"VAE"}, "A generative model trained with a reconstruction term and a KL penalty."},
	{"diffusion model", []string{"diffusion models"}, "A generative model that learns to reverse a gradual noising process."},
	{"GAN", []string{"GANs"}, "Generative adversarial network: a generator trained against a discriminator."},
	{"adapter layers", []string{"adapters"}, "Small trainable modules inserted into a frozen network."},
}

var topics = []string{
	"Foundations", "Linear Models", "Optimization", "Neural Networks", "Regularization",
	"Convolutional Models", "Sequence Models", "Attention", "Transformers", "Pre-training",
	"Fine-tuning", "Parameter-efficient Methods", "Evaluation", "Generative Models",
	"Reinforcement Learning", "Alignment", "Retrieval", "Efficiency", "Robustness",
	"Continual Learning", "Representation Learning", "Probabilistic Models", "Decoding",
	"Data Pipelines", "Deployment",
}

var slideNouns = []string{
	"Overview", "Motivation", "Definitions", "Key Idea", "Worked Example", "Derivation",
	"Intuition", "Pitfalls", "Comparison", "Implementation", "Experiment", "Results",
	"Ablation", "Limitations", "Variants", "Summary", "Exercise", "Recap", "Case Study",
	"Open Questions",
}

var subjects = []string{
	"the model", "a small network", "the optimizer", "the training loop", "each layer",
	"the encoder", "the decoder", "our baseline", "the student", "the teacher",
	"the validation set", "a held-out split", "the loss surface", "the dataset",
	"this estimator", "the scheduler", "the tokenizer", "the classifier", "the critic",
	"a simple heuristic", "the gradient", "every mini-batch", "the final layer",
}

var verbs = []string{
	"reduces", "amplifies", "stabilizes", "approximates", "controls", "exposes", "hides",
	"trades off", "depends on", "interacts with", "benefits from", "struggles with",
	"is sensitive to", "compensates for", "generalizes", "summarizes", "encodes",
	"ignores", "rescales", "regularizes", "predicts", "separates", "smooths",
}

var objects = []string{
	"the variance of the estimate", "long-range dependencies", "rare tokens",
	"the effective learning rate", "noisy labels", "distribution shift",
	"the number of parameters", "the memory footprint", "the decision boundary",
	"spurious correlations", "the curvature of the loss", "the input scale",
	"the tail of the distribution", "the inductive bias", "sample efficiency",
	"the compute budget", "the calibration error", "the gap between train and test",
	"the hidden representation", "the sequence length", "the batch size",
}

var clauses = []string{
	"when the data is scarce", "as training progresses", "in the overparameterized regime",
	"under mild assumptions", "for most practical settings", "if we freeze the backbone",
	"at inference time", "without extra supervision", "even with a tiny budget",
	"once the warm-up phase ends", "on out-of-distribution inputs", "in expectation",
	"for sufficiently wide layers", "after a few epochs", "with careful initialization",
	"unless the step size is too large", "in the limit of infinite data",
}

var openers = []string{
	"In practice,", "Intuitively,", "Formally,", "Note that", "Crucially,", "Recall that",
	"As we saw earlier,", "Empirically,", "Surprisingly,", "By contrast,", "In short,",
	"For example,", "More precisely,", "Historically,", "",
}

var bulletVerbs = []string{
	"Check", "Compare", "Measure", "Avoid", "Prefer", "Tune", "Visualize", "Log",
	"Freeze", "Normalize", "Sample", "Cache", "Profile", "Document",
}

var idents = []string{
	"loss", "logits", "weights", "grads", "batch", "tokens", "scores", "hidden", "mask",
	"probs", "steps", "alpha", "beta", "scale", "rank", "delta", "buf", "acc", "lr", "eps",
}

var funcs = []string{
	"forward", "step", "normalize", "attend", "project", "update", "sample", "encode",
	"decode", "softmax", "clip", "evaluate", "merge", "score", "train_epoch",
}

var typeNames = []string{
	"Layer", "Optimizer", "Scheduler", "Encoder", "Decoder", "Cache", "Trainer", "Probe",
	"Router", "Adapter", "Sampler", "Buffer",
}

var linkPhrases = []string{
	"As we saw in %s, this is not the whole story.",
	"Compare this with %s.",
	"The same idea reappears in %s.",
	"%s works through the details.",
	"See %s for the derivation.",
	"This builds on %s.",
}

var noteOpeners = []string{
	"Say this slowly.", "A common question comes up here.", "If time is short, skip ahead.",
	"Students often ask about this.", "Draw the picture on the board first.",
	"Pause for questions.", "This is the key slide of the section.", "",
}

var calloutKinds = []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}
