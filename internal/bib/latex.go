package bib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// toText turns a BibTeX value's LaTeX into plain Unicode text: accents
// ({\"u}, \'e, \c{c}) become composed characters, escaped specials (\&,
// \%) themselves, -- and --- dashes, ~ a no-break space, formatting
// commands (\emph{x}) their argument, and braces (which protect
// capitals from BibTeX styles) disappear. Runs of white space become one
// space.
func toText(s string) string {
	if !strings.ContainsAny(s, "\\{}~-$`'") {
		return norm.NFC.String(strings.Join(strings.Fields(s), " "))
	}
	c := &latex{s: s}
	out := c.run(false)
	out = strings.Join(strings.Fields(out), " ")
	return norm.NFC.String(out)
}

type latex struct {
	s string
	i int
}

// combining marks of LaTeX's accent commands.
var accents = map[string]rune{
	"'": '\u0301', "`": '\u0300', "^": '\u0302', "\"": '\u0308', "~": '\u0303', "=": '\u0304', ".": '\u0307',
	"c": '\u0327', "v": '\u030C', "u": '\u0306', "H": '\u030B', "r": '\u030A', "k": '\u0328', "d": '\u0323', "b": '\u0331',
}

// symbols are commands without an argument that stand for a character.
var symbols = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
	"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"S": "§", "P": "¶", "copyright": "©", "textregistered": "®", "texttrademark": "™", "textdegree": "°",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "textasciitilde": "~", "textbackslash": "\\",
	"textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">", "euro": "€", "pounds": "£",
	"times": "×", "pm": "±", "cdot": "·", "infty": "∞", "leq": "≤", "geq": "≥", "neq": "≠", "approx": "≈",
	"rightarrow": "→", "to": "→", "leftarrow": "←",
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
	"pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ",
	"omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

// withArg are formatting commands shown as their (last) argument.
var withArg = map[string]int{
	"emph": 1, "textit": 1, "textbf": 1, "textsc": 1, "texttt": 1, "textrm": 1, "textsf": 1, "textmd": 1,
	"textup": 1, "textsl": 1, "textnormal": 1, "mathrm": 1, "mathit": 1, "mathbf": 1, "mathsf": 1,
	"mathtt": 1, "mathcal": 1, "text": 1, "mbox": 1, "hbox": 1, "url": 1, "nolinkurl": 1,
	"textsuperscript": 1, "textsubscript": 1, "enquote": 1, "NoCaseChange": 1, "MakeUppercase": 1,
	"MakeLowercase": 1, "uppercase": 1, "lowercase": 1, "ensuremath": 1, "href": 2,
}

// run converts up to the end of the string or, in a group, its "}".
func (c *latex) run(group bool) string {
	var b strings.Builder
	for c.i < len(c.s) {
		ch := c.s[c.i]
		switch ch {
		case '}':
			c.i++
			if group {
				return b.String()
			}
		case '{':
			c.i++
			b.WriteString(c.run(true))
		case '\\':
			b.WriteString(c.command())
		case '~':
			c.i++
			b.WriteString("\u00a0")
		case '$':
			c.i++ // math delimiters; the commands inside are read as any
		case '-':
			switch {
			case strings.HasPrefix(c.s[c.i:], "---"):
				c.i += 3
				b.WriteString("—")
			case strings.HasPrefix(c.s[c.i:], "--"):
				c.i += 2
				b.WriteString("–")
			default:
				c.i++
				b.WriteByte('-')
			}
		case '`':
			if strings.HasPrefix(c.s[c.i:], "``") {
				c.i += 2
				b.WriteString("“")
			} else {
				c.i++
				b.WriteString("‘")
			}
		case '\'':
			if strings.HasPrefix(c.s[c.i:], "''") {
				c.i += 2
				b.WriteString("”")
			} else {
				c.i++
				b.WriteString("’")
			}
		default:
			_, n := utf8.DecodeRuneInString(c.s[c.i:])
			b.WriteString(c.s[c.i : c.i+n])
			c.i += n
		}
	}
	return b.String()
}

// command converts the command at c.i (a backslash).
func (c *latex) command() string {
	c.i++ // '\'
	if c.i >= len(c.s) {
		return ""
	}
	ch := c.s[c.i]
	if !isASCIILetter(ch) {
		c.i++
		switch ch {
		case '&', '%', '$', '#', '_', '{', '}':
			return string(ch)
		case ' ', '\n', '\t', ',', ';', ':', '!':
			return " "
		case '\\':
			return " "
		case '-', '/', '@':
			return ""
		}
		if mark, ok := accents[string(ch)]; ok {
			return c.accent(mark)
		}
		return string(ch)
	}
	s := c.i
	for c.i < len(c.s) && isASCIILetter(c.s[c.i]) {
		c.i++
	}
	name := c.s[s:c.i]
	// A control word swallows the spaces after it.
	for c.i < len(c.s) && (c.s[c.i] == ' ' || c.s[c.i] == '\t' || c.s[c.i] == '\n') {
		c.i++
	}
	if mark, ok := accents[name]; ok && len(name) == 1 {
		return c.accent(mark)
	}
	if sym, ok := symbols[name]; ok {
		if c.i+1 < len(c.s) && c.s[c.i] == '{' && c.s[c.i+1] == '}' {
			c.i += 2 // \ss{}
		}
		return sym
	}
	if n, ok := withArg[name]; ok {
		out := ""
		for k := 0; k < n; k++ {
			out = c.arg()
		}
		return out
	}
	// An unknown command: left out, its argument (if any) kept.
	return ""
}

// accent applies a combining mark to the next argument's first letter.
func (c *latex) accent(mark rune) string {
	arg := c.arg()
	switch arg {
	case "ı":
		arg = "i"
	case "ȷ":
		arg = "j"
	}
	if arg == "" {
		return string(mark)
	}
	_, n := utf8.DecodeRuneInString(arg)
	return arg[:n] + string(mark) + arg[n:]
}

// arg reads one argument: a braced group, a command, or one character.
func (c *latex) arg() string {
	for c.i < len(c.s) && (c.s[c.i] == ' ' || c.s[c.i] == '\t') {
		c.i++
	}
	if c.i >= len(c.s) {
		return ""
	}
	switch c.s[c.i] {
	case '{':
		c.i++
		return c.run(true)
	case '\\':
		return c.command()
	case '}':
		return ""
	}
	_, n := utf8.DecodeRuneInString(c.s[c.i:])
	c.i += n
	return c.s[c.i-n : c.i]
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// parseNames splits an author or editor field on " and " (outside
// braces) into names; "and others" sets etAl.
func parseNames(raw string) (names []Name, etAl bool) {
	for _, part := range splitDepth0(raw, isAnd) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.EqualFold(part, "others") {
			etAl = true
			continue
		}
		names = append(names, parseName(part))
	}
	return names, etAl
}

// isAnd reports the length of a name separator (" and ") at s[i:], 0 if none.
func isAnd(s string, i int) int {
	if i == 0 || !isSpace(s[i-1]) || len(s)-i < 4 {
		return 0
	}
	if strings.EqualFold(s[i:i+3], "and") && isSpace(s[i+3]) {
		return 4
	}
	return 0
}

// splitDepth0 splits s where sep reports a separator outside braces.
func splitDepth0(s string, sep func(s string, i int) int) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case '\\':
			i++
		default:
			if depth == 0 {
				if n := sep(s, i); n > 0 {
					out = append(out, s[start:i])
					i += n - 1
					start = i + 1
				}
			}
		}
	}
	return append(out, s[start:])
}

// parseName reads "First von Last", "von Last, First" or
// "von Last, Jr, First".
func parseName(raw string) Name {
	parts := splitDepth0(raw, func(s string, i int) int {
		if s[i] == ',' {
			return 1
		}
		return 0
	})
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	switch len(parts) {
	case 1:
		words := splitDepth0(strings.TrimSpace(raw), func(s string, i int) int {
			if isSpace(s[i]) || s[i] == '~' {
				return 1
			}
			return 0
		})
		var ws []string
		for _, w := range words {
			if w != "" {
				ws = append(ws, w)
			}
		}
		if len(ws) == 0 {
			return Name{}
		}
		last := len(ws) - 1
		// The particle ("van der", "de") starts at the first lower-case
		// word before the last.
		for k := 0; k < len(ws)-1; k++ {
			if isLowerWord(ws[k]) {
				last = k
				break
			}
		}
		return Name{First: toText(strings.Join(ws[:last], " ")), Last: toText(strings.Join(ws[last:], " "))}
	case 2:
		return Name{First: toText(parts[1]), Last: toText(parts[0])}
	default:
		return Name{First: toText(strings.Join(parts[2:], ", ")), Jr: toText(parts[1]), Last: toText(parts[0])}
	}
}

// isLowerWord tells whether a name word starts with a lower-case letter
// outside braces ("von", "de", not "{de}").
func isLowerWord(w string) bool {
	if w == "" || w[0] == '{' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(toText(w))
	return unicode.IsLower(r)
}
