package parallax

import "errors"

// Error kinds. Stages wrap them with context ("sqlite: article %q: %w"); the
// CLI and the HTTP server map them to exit codes and statuses in one table each.
var (
	// ErrNotFound means the thing asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means the input or the arguments are malformed.
	ErrInvalid = errors.New("invalid")
	// ErrUnsupported means the input is of a kind Parallax cannot read.
	ErrUnsupported = errors.New("unsupported")
	// ErrTooLarge means the input exceeds a configured size limit.
	ErrTooLarge = errors.New("too large")
)
