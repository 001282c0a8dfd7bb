// Package storetest opens stores for tests.
//
// [New] gives each test a store in its own temporary directory (or in
// memory) and, when the test ends, checks the store's invariants with
// [store.Store.Check] and closes it, so that every test that uses it also
// verifies that it left the store consistent.
package storetest
