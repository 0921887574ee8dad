package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// codeBlock returns a fenced block of about 15 lines: Go or Python (46%
// each), else a shell script or a YAML config. The templates are filled with
// random identifiers and constants, so blocks differ like real examples do;
// withAttrs lets ~10% of blocks carry Hugo-style fence attributes.
func (g *gen) codeBlock(r *rand.Rand, withAttrs bool) string {
	var lang, body string
	switch x := r.Float64(); {
	case x < 0.46:
		lang, body = "go", pick(r, goTemplates)(r)
	case x < 0.92:
		lang, body = "python", pick(r, pyTemplates)(r)
	case x < 0.96:
		lang, body = "bash", bashCode(r)
	default:
		lang, body = "yaml", yamlCode(r)
	}
	info := lang
	if withAttrs {
		switch x := r.Float64(); {
		case x < 0.04:
			info += fmt.Sprintf(` {hl_lines=[%d,"%d-%d"]}`, 1+r.IntN(3), 5+r.IntN(3), 9+r.IntN(4))
		case x < 0.07:
			ext := map[string]string{"go": ".go", "python": ".py", "bash": ".sh", "yaml": ".yaml"}[lang]
			info += fmt.Sprintf(` {title="%s%s"}`, strings.ReplaceAll(pick(r, funcs), "_", ""), ext)
		case x < 0.10:
			info += " {linenos=true}"
		}
	}
	return "```" + info + "\n" + strings.TrimRight(body, "\n") + "\n```"
}

func lines(ls ...string) string { return strings.Join(ls, "\n") }

var goTemplates = []func(*rand.Rand) string{
	// A normalising loop (the template gen_corpus.py uses).
	func(r *rand.Rand) string {
		f := strings.ReplaceAll(pick(r, funcs), "_", "")
		v := sample(r, idents, 3)
		a, b, c := v[0], v[1], v[2]
		return lines(
			fmt.Sprintf("// %s applies one %s step over %s.", f, pick(r, glossary).term, a),
			fmt.Sprintf("func %s(%s []float64, %s float64) ([]float64, error) {", f, a, b),
			fmt.Sprintf("\tif len(%s) == 0 {", a),
			fmt.Sprintf("\t\treturn nil, fmt.Errorf(\"%s: empty input\")", f),
			"\t}",
			fmt.Sprintf("\t%s := make([]float64, len(%s))", c, a),
			"\tvar sum float64",
			fmt.Sprintf("\tfor i, v := range %s {", a),
			fmt.Sprintf("\t\t%s[i] = v * %s", c, b),
			fmt.Sprintf("\t\tsum += %s[i]", c),
			"\t}",
			fmt.Sprintf("\tfor i := range %s {", c),
			fmt.Sprintf("\t\t%s[i] /= sum + %s // keep it finite", c, pick(r, []string{"1e-6", "1e-8", "1e-5"})),
			"\t}",
			fmt.Sprintf("\treturn %s[:min(len(%s), %d)], nil", c, c, 2+r.IntN(63)),
			"}",
		)
	},
	// A type with a method.
	func(r *rand.Rand) string {
		t := pick(r, typeNames)
		v := sample(r, idents, 3)
		a, b, c := v[0], v[1], v[2]
		m := strings.ToUpper(pick(r, funcs)[:1]) + strings.ReplaceAll(pick(r, funcs)[1:], "_", "")
		return lines(
			fmt.Sprintf("// %s keeps the state of one %s.", t, pick(r, glossary).term),
			fmt.Sprintf("type %s struct {", t),
			fmt.Sprintf("\t%s []float32", a),
			fmt.Sprintf("\t%s float32", b),
			"\tsteps int",
			"}",
			"",
			fmt.Sprintf("// %s updates %s in place and returns the new norm.", m, a),
			fmt.Sprintf("func (x *%s) %s(%s []float32) float32 {", t, m, c),
			"\tvar norm float32",
			fmt.Sprintf("\tfor i := range x.%s {", a),
			fmt.Sprintf("\t\tx.%s[i] -= x.%s * %s[i]", a, b, c),
			fmt.Sprintf("\t\tnorm += x.%s[i] * x.%s[i]", a, a),
			"\t}",
			"\tx.steps++",
			fmt.Sprintf("\treturn float32(math.Sqrt(float64(norm))) / %d", 1+r.IntN(16)),
			"}",
		)
	},
	// A worker pool.
	func(r *rand.Rand) string {
		f := strings.ReplaceAll(pick(r, funcs), "_", "")
		v := sample(r, idents, 2)
		a, b := v[0], v[1]
		return lines(
			fmt.Sprintf("// %sAll runs %s over every batch on %d workers.", f, f, 2+r.IntN(14)),
			fmt.Sprintf("func %sAll(ctx context.Context, %s [][]float64) []float64 {", f, a),
			fmt.Sprintf("\t%s := make([]float64, len(%s))", b, a),
			"\tvar wg sync.WaitGroup",
			fmt.Sprintf("\tsem := make(chan struct{}, %d)", 2+r.IntN(14)),
			fmt.Sprintf("\tfor i, item := range %s {", a),
			"\t\tif ctx.Err() != nil {",
			"\t\t\tbreak",
			"\t\t}",
			"\t\twg.Add(1)",
			"\t\tsem <- struct{}{}",
			fmt.Sprintf("\t\tgo func() { defer wg.Done(); %s[i] = %s(item); <-sem }()", b, f),
			"\t}",
			"\twg.Wait()",
			fmt.Sprintf("\treturn %s", b),
			"}",
		)
	},
}

var pyTemplates = []func(*rand.Rand) string{
	// A decaying-gradient loop (the template gen_corpus.py uses).
	func(r *rand.Rand) string {
		f := pick(r, funcs)
		v := sample(r, idents, 3)
		a, b, c := v[0], v[1], v[2]
		return lines(
			"import math",
			"",
			fmt.Sprintf("def %s(%s, %s=%s, steps=%d):", f, a, b, pick(r, []string{"1e-3", "3e-4", "5e-5", "0.1"}), 2+r.IntN(63)),
			fmt.Sprintf(`    """Toy %s loop used on this slide."""`, pick(r, glossary).term),
			fmt.Sprintf("    %s = []", c),
			"    for t in range(steps):",
			fmt.Sprintf("        g = [x * math.exp(-%s * t) for x in %s]", b, a),
			"        norm = math.sqrt(sum(v * v for v in g)) or 1.0",
			fmt.Sprintf("        %s = [x - %s * v / norm for x, v in zip(%s, g)]", a, b, a),
			fmt.Sprintf("        %s.append(sum(%s) / len(%s))", c, a, a),
			fmt.Sprintf("        if abs(%s[-1]) < 1e-6:", c),
			"            break",
			fmt.Sprintf("    return %s, %s", a, c),
			"",
			fmt.Sprintf("print(%s([0.5, -1.0, 2.0]))", f),
		)
	},
	// A PyTorch-style module.
	func(r *rand.Rand) string {
		t := pick(r, typeNames)
		v := sample(r, idents, 2)
		a, b := v[0], v[1]
		d := 64 << r.IntN(5)
		return lines(
			"import torch",
			"from torch import nn",
			"",
			"",
			fmt.Sprintf("class %s(nn.Module):", t),
			fmt.Sprintf(`    """A small %s block."""`, pick(r, glossary).term),
			"",
			fmt.Sprintf("    def __init__(self, d: int = %d, p: float = %.1f):", d, 0.1*float64(r.IntN(5))),
			"        super().__init__()",
			"        self.proj = nn.Linear(d, d)",
			"        self.norm = nn.LayerNorm(d)",
			"        self.drop = nn.Dropout(p)",
			"",
			fmt.Sprintf("    def forward(self, %s: torch.Tensor) -> torch.Tensor:", a),
			fmt.Sprintf("        %s = self.drop(torch.relu(self.proj(self.norm(%s))))", b, a),
			fmt.Sprintf("        return %s + %s  # residual", a, b),
		)
	},
	// An evaluation function over a data loader.
	func(r *rand.Rand) string {
		f := pick(r, funcs)
		v := sample(r, idents, 2)
		a, b := v[0], v[1]
		return lines(
			"from collections import Counter",
			"",
			"",
			fmt.Sprintf("def %s_metrics(model, loader, k=%d):", f, 1+r.IntN(10)),
			fmt.Sprintf(`    """Top-k accuracy and %s for one pass over loader."""`, pick(r, glossary).term),
			"    hits, total, errors = 0, 0, Counter()",
			fmt.Sprintf("    for %s, %s in loader:", a, b),
			fmt.Sprintf("        top = model(%s).topk(k, dim=-1).indices", a),
			fmt.Sprintf("        ok = (top == %s.unsqueeze(-1)).any(dim=-1)", b),
			"        hits += int(ok.sum())",
			fmt.Sprintf("        total += len(%s)", b),
			fmt.Sprintf("        errors.update(%s[~ok].tolist())", b),
			"    if total == 0:",
			`        raise ValueError("empty loader")`,
			fmt.Sprintf("    return hits / total, errors.most_common(%d)", 3+r.IntN(5)),
		)
	},
}

func bashCode(r *rand.Rand) string {
	f := pick(r, funcs)
	return lines(
		"#!/usr/bin/env bash",
		"set -euo pipefail",
		"",
		fmt.Sprintf("RUN=runs/%s-$(date +%%Y%%m%%d)", f),
		`mkdir -p "$RUN"`,
		fmt.Sprintf("for lr in %s; do", strings.Join(sample(r, []string{"1e-3", "3e-4", "1e-4", "5e-5", "0.1", "0.01"}, 3), " ")),
		fmt.Sprintf("  for seed in $(seq 1 %d); do", 2+r.IntN(4)),
		fmt.Sprintf(`    python train.py --lr "$lr" --seed "$seed" --epochs %d \`, 1+r.IntN(30)),
		fmt.Sprintf(`      --%s %s \`, pick(r, idents), pick(r, []string{"on", "off", "auto"})),
		`      --out "$RUN/lr$lr-s$seed" 2>&1 | tee -a "$RUN/log.txt"`,
		"  done",
		"done",
		`grep -h "val_loss" "$RUN"/*/metrics.txt | sort -t= -k2 -g | head -n 5`,
	)
}

func yamlCode(r *rand.Rand) string {
	return lines(
		fmt.Sprintf("# %s experiment", pick(r, glossary).term),
		fmt.Sprintf("model: %s", strings.ToLower(pick(r, typeNames))),
		"optimizer:",
		fmt.Sprintf("  name: %s", pick(r, []string{"adamw", "sgd", "lion"})),
		fmt.Sprintf("  lr: %s", pick(r, []string{"1e-3", "3e-4", "5e-5"})),
		fmt.Sprintf("  weight_decay: %.2f", 0.01*float64(r.IntN(10))),
		"schedule:",
		fmt.Sprintf("  warmup_steps: %d", 100*(1+r.IntN(20))),
		"  kind: cosine",
		"data:",
		fmt.Sprintf("  batch_size: %d", 8<<r.IntN(6)),
		fmt.Sprintf("  max_length: %d", 128<<r.IntN(4)),
		"  shuffle: true",
		fmt.Sprintf("seeds: [%d, %d, %d]", r.IntN(100), r.IntN(100), r.IntN(100)),
	)
}
