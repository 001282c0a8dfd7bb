package gen

//go:generate ./generate.sh
