//! The `--print` renderer: a typeset page as plain or coloured text.
