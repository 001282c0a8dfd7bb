// Package store persists the state of a pico engine in an embedded
// key-value database (Badger), behind transactions in the style of bbolt.
// It knows nothing about KRL: values are bytes, which the engine fills with
// JSON.
//
// # Basics
//
// [Open] returns a [Store], on disk ([WithDir]) or in memory
// ([WithInMemory]). On disk the data is in Badger; in memory it is in an
// ordered copy-on-write tree, which commits several times faster, with the
// same transactions, limits and errors. All access goes through
// transactions:
//
//   - [Store.View] runs a function in a read-only [Tx] on a snapshot;
//   - [Store.Update] runs it in a read-write Tx, commits if it returns nil
//     and writes nothing if it returns an error;
//   - [Store.Batch] is Update for many concurrent small writers: the calls
//     of several goroutines share one commit (group commit) but succeed or
//     fail independently.
//
// A [Tx] has generic methods (Get, Has, Set, Delete, Scan, ScanKeys,
// ScanRange, DeletePrefix) over [Key]s, and typed ones for the engine's
// records: picos ([PicoRecord]), channels ([ChannelRecord]), installs
// ([InstallRecord]), entity variables, rule states (the partial matches of
// event expressions), schedules ([ScheduleRecord]) and ruleset sources
// ([RulesetRecord]).
//
// # Key layout
//
// A key is a tuple of strings encoded so that byte order is tuple order (see
// [Key]); the first component names the kind of key:
//
//	meta   layout                 layout version ("1"), checked by Open
//	meta   picos                  number of picos, 8 bytes big-endian
//	root                          id of the root pico
//	pico   <pico>                 PicoRecord (JSON)
//	chan   <eci>                  ChannelRecord (JSON): the ECI index
//	pchan  <pico> <eci>           empty: the channels of a pico
//	inst   <pico> <rid>           InstallRecord (JSON)
//	ent    <pico> <rid> <name>    entity variable (opaque bytes)
//	rstate <pico> <rid> <rule>    event-expression state (opaque bytes)
//	sched  <id>                   ScheduleRecord (JSON)
//	sat    <due time> <id>        empty: "at" schedules by due time
//	srep   <id>                   empty: "repeat" schedules
//	psched <pico> <rid> <id>      empty: the schedules of a pico
//	rs     <rid> <version>        RulesetRecord: JSON header, then source
//	rscur  <rid>                  current version of a ruleset
//
// So an event's path costs a point lookup (chan/<eci>), a pico's data is a
// few prefix scans (everything of a pico is under one prefix per kind),
// re-arming schedules at startup is a range scan of sat up to now plus srep,
// and opening the store reads one key whatever the number of picos: the
// count of picos is a counter maintained with the records. Other kinds of
// keys may be added by the engine through the generic methods; [Store.Check]
// ignores them.
//
// # Concurrency
//
// A Store is safe for concurrent use. Views read snapshots and take no
// locks: they run alongside writers without waiting for them. Writers run
// concurrently under optimistic concurrency control: a read-write
// transaction that writes conflicts when a key it read was committed by
// another transaction meanwhile; Update and Batch then run its function
// again, up to [WithMaxAttempts] times, so that no update is ever lost. This
// is why the function must be re-runnable: no effects outside the
// transaction that cannot be repeated. Scans detect conflicts on the keys
// they return, not on keys inserted into the range afterwards. Both modes
// detect conflicts on 64-bit hashes of keys, so a conflict can very rarely
// be reported between different keys: the transaction just runs again.
//
// A Tx belongs to one goroutine and is valid only inside its function.
//
// # Durability
//
// Every commit is atomic: after a crash, a transaction is entirely there or
// entirely absent. By default the commit is in the operating system's hands
// when Update returns (it survives a crash of the process, not a power
// loss). With [WithSyncWrites](true), Update and Batch return only once the
// commit is synced to disk. A sync costs a fraction of a millisecond to
// milliseconds, and Badger syncs once per transaction, so concurrent durable
// writers should use [Store.Batch], which syncs once per group. In memory,
// commits are atomic too, and nothing outlives the Store.
//
// # Caveats
//
// One transaction holds at most about 2 MiB or 23,000 writes
// ([ErrTxTooBig]); [Store.DeletePrefix] and [Store.DeletePico] delete more,
// in several transactions. In memory, a value must be smaller than 1 MiB
// ([ErrValueTooLarge]). Deleting a pico does not delete its descendants
// ([ErrHasChildren]); the engine walks the tree.
//
// The store does not check that a ruleset is installed before writing its
// entity variables or rule states (a point write on the hot path); the
// engine must, and [Store.Check] reports violations. The storetest package
// opens stores for tests and checks these invariants when the test ends.
package store
