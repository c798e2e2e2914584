//! Back and forward through followed links, each step remembering where the reader was.

/// A place in the library: an article and how far down it the reader was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Library index of the article.
    pub index: usize,
    /// First line shown.
    pub scroll: usize,
    /// Width the page was laid out at when `scroll` was taken.
    pub width: u16,
    /// The body block at the top, to find the place again at another width.
    pub block: Option<usize>,
}

/// The back and forward stacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Places to go back to, the most recent last.
    pub back: Vec<Place>,
    /// Places to go forward to, the most recent last.
    pub forward: Vec<Place>,
}

impl History {
    /// Most places remembered each way; older ones are forgotten.
    pub const LIMIT: usize = 200;

    /// Records `from` before following a link; the forward stack is dropped.
    pub fn follow(&mut self, from: Place) {
        push(&mut self.back, from);
        self.forward.clear();
    }

    /// The place to go back to from `here`, which becomes the next step forward.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        let p = self.back.pop()?;
        push(&mut self.forward, here);
        Some(p)
    }

    /// The place to go forward to from `here`, which becomes the next step back.
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        let p = self.forward.pop()?;
        push(&mut self.back, here);
        Some(p)
    }
}

fn push(stack: &mut Vec<Place>, p: Place) {
    if stack.len() >= History::LIMIT {
        stack.remove(0);
    }
    stack.push(p);
}
