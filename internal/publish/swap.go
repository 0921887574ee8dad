package publish

import "errors"

// errExchangeUnsupported makes Publish fall back to two renames.
var errExchangeUnsupported = errors.New("atomic folder exchange is not supported")

// exchangeFn is exchange, replaceable by tests to exercise the fallback.
var exchangeFn = exchange
