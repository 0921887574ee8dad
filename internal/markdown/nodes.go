package markdown

import (
	"github.com/yuin/goldmark/ast"
)

// KindWikiLink is the node kind of [[target|text]] links.
var KindWikiLink = ast.NewNodeKind("WikiLink")

// WikiLink is a [[target]] or [[target|text]] reference. Resolution fills
// Dest (site-relative) and, when no text was given, Label.
type WikiLink struct {
	ast.BaseInline
	Target   string // as written: "lora", "vision-language/lora#x", "glossary:LoRA"
	LinkText string // link text as written; "" to use the target's title
	Off      int    // byte offset of "[[" in the source
	Dest     string // resolved site-relative URL; "" when unresolved
	Label    string // text to show when LinkText is empty
	Term     *TermRef
	label    *labelDoc // LinkText parsed, when it holds Markdown
}

func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

func (n *WikiLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Target": n.Target, "Text": n.LinkText}, nil)
}

// KindTermRef is the node kind of a glossary term occurrence.
var KindTermRef = ast.NewNodeKind("TermRef")

// TermRef wraps the text of a glossary term occurrence that is linked to
// its glossary entry.
type TermRef struct {
	ast.BaseInline
	Term   int    // index into the course glossary
	Anchor string // fragment on the glossary page
	Short  string // tooltip text
	TipID  string // unique id of the tooltip element on the page
}

func (n *TermRef) Kind() ast.NodeKind { return KindTermRef }

func (n *TermRef) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Anchor": n.Anchor}, nil)
}

// Site-relative destinations of resolved Markdown links and images are kept
// in this attribute; the renderer prefixes them with the page's way back
// to the site root, so one AST renders correctly on any page.
const attrSiteDest = "lecgen-site-dest"

// SetSiteDest marks a link or image as internal with a site-relative URL.
func SetSiteDest(n ast.Node, dest string) { n.SetAttributeString(attrSiteDest, []byte(dest)) }

func siteDest(n ast.Node) (string, bool) {
	v, ok := n.AttributeString(attrSiteDest)
	if !ok {
		return "", false
	}
	b, _ := v.([]byte)
	return string(b), true
}
