package terms

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// Benchmark inputs are generated deterministically: a glossary of
// acronyms and multi-word phrases built from the same vocabulary as the
// lecture prose, so many words in the text start trie walks that go
// several runes (or words) deep before failing.

var (
	benchAdjectives = strings.Fields(`adaptive contrastive sparse dense residual
		linear nonlinear stochastic convolutional recurrent generative
		discriminative variational masked causal bidirectional hierarchical
		low-rank zero-shot few-shot self-supervised semi-supervised supervised
		unsupervised multimodal cross-modal visual textual latent implicit
		explicit differentiable probabilistic Bayesian naïve gradient-based
		parameter-efficient catastrophic continual federated distributed
		quantized pruned distilled robust adversarial spectral temporal spatial
		local global positional`)
	benchNouns = strings.Fields(`learning attention transformer encoder decoder
		embedding representation gradient descent optimizer regularization
		normalization dropout adapter prompt tuning retrieval augmentation
		alignment objective loss kernel network layer head token vocabulary
		classifier regression clustering inference sampling distillation
		pretraining fine-tuning transfer forgetting memory replay policy reward
		estimator posterior prior likelihood`)
	benchProse = []string{
		"In this lecture we revisit the training objective and ask why the model generalizes at all.",
		"Recall that the loss is averaged over a mini-batch, so the gradient we compute is only an estimate.",
		"The learning rate controls how far each step moves the parameters, and choosing it well matters more than most other settings.",
		"A common mistake is to tune the network on the test set, which quietly leaks information into the final numbers.",
		"We will see that attention lets every token look at every other token, at a cost that grows quadratically with length.",
		"Before the break, try to write down the update rule from memory and compare it with the slide.",
		"The encoder maps the input to a representation, and the decoder turns that representation back into text.",
		"Notice that nothing in the architecture forces the layers to learn interpretable features.",
		"When the data distribution shifts, a model fine-tuned on the new task may forget what it learned before.",
		"Regularization trades a little training accuracy for better behaviour on examples the model has never seen.",
		"The homework asks you to implement the forward pass, check it against the reference, and then measure the speed.",
		"If the validation curve turns upward while the training curve keeps falling, you are overfitting.",
		"Sampling at a higher temperature makes the output more diverse but also more likely to drift off topic.",
		"We compare three retrieval strategies and report recall at ten on the held-out questions.",
		"Pretraining on a large corpus gives a good starting point, but the choice of prompt still changes the results noticeably.",
		"The posterior combines the prior with the likelihood, and in this simple case it has a closed form.",
		"Distillation trains a small student to imitate a large teacher, keeping most of the accuracy at a fraction of the cost.",
		"For the project, each team picks a paper, reproduces one table, and writes a short report on what did not replicate.",
		"Keep in mind that benchmark numbers in papers are often the best of several runs rather than the average.",
		"Finally, we discuss the ethical questions raised by models that can imitate a particular writer's style.",
	}
)

type benchTerm struct {
	name    string
	aliases []string
}

// benchGlossary returns n terms: about a third acronyms (some mixed case,
// like "LoRA"), the rest adjective-noun phrases with plural and
// hyphenated aliases.
func benchGlossary(n int) []benchTerm {
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var terms []benchTerm
	upper := func(k int) string {
		b := make([]byte, k)
		for i := range b {
			b[i] = byte('A' + r.IntN(26))
		}
		return string(b)
	}
	for len(terms) < n {
		var t benchTerm
		switch r.IntN(6) {
		case 0:
			t.name = upper(2 + r.IntN(4))
			t.aliases = []string{t.name + "s"}
		case 1:
			// Mixed case: "LoRA", "QLoRA"-like.
			t.name = upper(1+r.IntN(2)) + strings.ToLower(upper(1+r.IntN(2))) + upper(1+r.IntN(2))
		default:
			adj := benchAdjectives[r.IntN(len(benchAdjectives))]
			noun := benchNouns[r.IntN(len(benchNouns))]
			t.name = adj + " " + noun
			if r.IntN(3) == 0 {
				t.name += " " + benchNouns[r.IntN(len(benchNouns))]
			}
			t.aliases = []string{t.name + "s", strings.ReplaceAll(t.name, " ", "-")}
		}
		if seen[t.name] {
			continue
		}
		seen[t.name] = true
		terms = append(terms, t)
	}
	return terms
}

// benchPatterns flattens terms into patterns, using IsAcronym to choose
// case sensitivity the way the site builder does.
func benchPatterns(terms []benchTerm) []Pattern {
	var ps []Pattern
	for i, t := range terms {
		for _, s := range append([]string{t.name}, t.aliases...) {
			ps = append(ps, Pattern{Term: i, Text: s, CaseSensitive: IsAcronym(s)})
		}
	}
	return ps
}

// benchText returns about size bytes of prose with glossary spellings
// mixed in, roughly one every sentence.
func benchText(terms []benchTerm, size int) string {
	r := rand.New(rand.NewPCG(3, 4))
	var sb strings.Builder
	for sb.Len() < size {
		s := benchProse[r.IntN(len(benchProse))]
		words := strings.Fields(s)
		t := terms[r.IntN(len(terms))]
		spelling := t.name
		if len(t.aliases) > 0 && r.IntN(2) == 0 {
			spelling = t.aliases[r.IntN(len(t.aliases))]
		}
		k := r.IntN(len(words))
		words = append(words[:k], append([]string{spelling}, words[k:]...)...)
		sb.WriteString(strings.Join(words, " "))
		if r.IntN(8) == 0 {
			sb.WriteString("\n\n")
		} else {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

func BenchmarkFindAll(b *testing.B) {
	glossary := benchGlossary(2000)
	text := benchText(glossary, 100_000)
	for _, n := range []int{20, 200, 2000} {
		m := New(benchPatterns(glossary[:n]))
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			var matches int
			for b.Loop() {
				matches = len(m.FindAll(text))
			}
			b.ReportMetric(float64(matches), "matches")
		})
		b.Run(fmt.Sprintf("terms=%d/reuse", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			var dst []Match
			for b.Loop() {
				dst = m.AppendAll(dst[:0], text)
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	patterns := benchPatterns(benchGlossary(2000))
	b.ReportAllocs()
	for b.Loop() {
		New(patterns)
	}
	b.ReportMetric(float64(len(patterns)), "patterns")
}
