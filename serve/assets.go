package serve

import (
	"embed"
	"io/fs"
)

//go:embed templates/*.html static/*
var assets embed.FS

// templateFS and staticFS are the embedded templates and static files.
var (
	templateFS = must(fs.Sub(assets, "templates"))
	staticFS   = must(fs.Sub(assets, "static"))
)

func must(f fs.FS, err error) fs.FS {
	if err != nil {
		panic(err)
	}
	return f
}
