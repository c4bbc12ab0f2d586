//go:build unix

package main

import "syscall"

// syncDisks writes every file's dirty pages to disk and waits for it.
func syncDisks() { syscall.Sync() }
