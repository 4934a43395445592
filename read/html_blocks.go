package read

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are the elements that start and end a paragraph.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Figure: true,
	atom.Figcaption: true, atom.Caption: true, atom.Address: true, atom.Aside: true, atom.Nav: true,
	atom.Main: true, atom.Hr: true, atom.Form: true, atom.Fieldset: true, atom.Details: true,
	atom.Summary: true, atom.Body: true, atom.Html: true,
}

// skipAtoms are elements whose content is never text of the page.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Object: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true,
}

// teiBlocks are the block elements of go-trafilatura's output tree, which
// uses XML-TEI names ("head" for a heading, "item" for a list item, "lb"
// for a line break) beside HTML ones.
var teiBlocks = map[string]bool{"head": true, "item": true, "list": true, "quote": true, "row": true, "lb": true}

// htmlBlocks returns the text under n, one paragraph per block element (a
// <br> also ends one), with runs of ASCII white space folded. Entities are
// decoded by the HTML parser; nothing else is changed.
func htmlBlocks(n *html.Node) []string {
	if n == nil {
		return nil
	}
	var out []string
	var cur strings.Builder
	flush := func() {
		if t := joinLines(cur.String()); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		block := false
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			a := n.DataAtom
			if a == 0 { // elements made by extractors carry only their name
				a = atom.Lookup([]byte(n.Data))
			}
			if skipAtoms[a] && (a != atom.Head || n.Parent != nil && n.Parent.DataAtom == atom.Html) {
				return // a TEI <head> is a heading, not the document head
			}
			if a == atom.Br || a == 0 && n.Data == "lb" {
				flush()
				return
			}
			if a == atom.Td || a == atom.Th || a == 0 && n.Data == "cell" {
				cur.WriteByte(' ')
			}
			block = blockAtoms[a] || a == 0 && teiBlocks[n.Data]
		case html.DocumentNode:
		default:
			return
		}
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return out
}
