package pipeline

import (
	"context"
	"io"

	"github.com/parallaxhq/parallax/read"
)

// IngestReader reads one input that is not a file — a page or a feed
// fetched over the network, say — and stores its articles as [Ingester.Ingest]
// does. origin names the input in locations and errors and says where it
// was fetched from (see [read.Origin]).
func (in *Ingester) IngestReader(ctx context.Context, r io.Reader, origin read.Origin) (*Stats, error) {
	w := read.Walker{}
	if in.Walker != nil {
		w = *in.Walker
	}
	w.Stdin, w.StdinOrigin = r, origin
	one := *in
	one.Walker = &w
	return one.Ingest(ctx, []string{"-"})
}
