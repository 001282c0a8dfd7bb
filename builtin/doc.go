// Package builtin holds the rulesets that the engine registers at Open and,
// unless told otherwise, installs on every pico: Wrangler
// (io.picolabs.wrangler), which manages a pico's children, channels and
// rulesets through events, and Subscriptions (io.picolabs.subscription),
// lasting two-way relationships between picos, on one engine or across
// engines.
//
// # Basics
//
// The sources are KRL files embedded in the binary; [Rulesets] returns them
// in install order (Wrangler first). They reproduce the events,
// attributes, raised events, entity variables and shared functions of the
// reference pico engine's rulesets of the same RIDs, so KRL written for it
// (for example `use module io.picolabs.wrangler alias wrangler` and
// `wrangler:children()`) runs unchanged.
//
// Wrangler, by event (domain wrangler):
//
//   - new_child_request {name}: a child with both rulesets; the child
//     answers with child_initialized; new_child_created is raised.
//   - child_deletion_request {eci}: the child and its descendants are
//     deleted; child_deleted is raised. A child asks its parent for it with
//     ready_for_deletion.
//   - install_ruleset_request {url, config} or {absoluteURL, rid}:
//     ruleset_installed {rids} is raised. uninstall_ruleset_request {rid}:
//     ruleset_uninstalled.
//   - new_channel_request {tags, eventPolicy, queryPolicy}: channel_created
//     {channel}. channel_deletion_request {eci}: channel_deleted.
//   - name_changed {name}.
//
// Its shared functions: name, id, myself, parent_eci, children, channels,
// installedRIDs, installedRulesets, rulesetConfig, rulesetMeta, skyQuery
// and picoQuery (another pico's query, on this engine or over HTTP).
//
// Subscriptions keep three lists of buses in entity variables (outbound,
// inbound, established: {Id, Rx, Tx, Rx_role, Tx_role, Tx_host}) and a
// well-known channel (tags wellKnown_Rx, Tx_Rx) on which other picos ask
// for a subscription. Events: subscription {wellKnown_Tx, Rx_role,
// Tx_role, name, channel_type, Tx_host}, pending_subscription_approval
// {Id}, inbound_rejection {Id}, outbound_cancellation {Id},
// subscription_cancellation {Id}, send_event_on_subs {subID | Tx_role |
// Rx_role, domain, type, attrs}, autoAcceptConfigUpdate and
// cancel_subscriptions; queries established, outbound, inbound (each with
// an optional key and value to filter on), wellKnown_Rx and
// autoAcceptConfig.
//
// # Caveats
//
// Where the reference has no equivalent here, the rulesets do without:
// no UI ruleset (engine_ui) is installed, picos get no DID, and
// install_ruleset_request installs a ruleset already registered with the
// engine (named by the url's last path segment) instead of fetching the
// url. A new_channel_request without policies makes a channel that allows
// everything (the reference ignores such a request). Wrangler's children
// function asks each child's Wrangler for its name: every child needs it
// installed, which the engine does unless told otherwise.
package builtin
