//! r15: the genres' seed rows change: one renamed, one removed (data loss), one added. The
//! application's own genre is left alone.
use model_core::{Schema, Seed};

use super::r14::{genre, with_genres};

pub fn schema() -> Schema {
    with_genres(Seed::rows([
        genre(1, "Fiction"),
        genre(2, "Poetry & verse"),
        genre(5, "Drama"),
    ]))
}
