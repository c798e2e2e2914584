//! The parsed page as a compact tree: what html5ever builds through [`Sink`], and the few ways
//! the readers of a page walk it ([`NodeRef`]).
//!
//! A node is 48 bytes: five links as 32-bit indices and its value. A text node's text is a
//! tendril that shares the page's own buffer (html5ever hands out slices of its input, and
//! adjacent slices join without a copy), an element's attributes live in one table for the
//! whole page, and a paragraph (or list item, heading, cell, …) without attributes whose only
//! child is its text holds that text itself ([`Value::Short`]): the readers of the tree see
//! the usual text child, which has no node of its own. A saved page of many short paragraphs
//! so costs a node a paragraph, a few times its size, not the ten and more a general-purpose
//! DOM of a `String` or a vector a node takes.
//!
//! The tree is whatever the HTML5 tree builder makes of the page, as a browser would build it,
//! with one difference: a run of whitespace standing between a block element and whatever
//! follows it, outside `<pre>` and other text kept as written, is not kept (the reader of a
//! page collapses such whitespace anyway; it is a third of the nodes of a page of paragraphs).

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, ns};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// No node: the link of a node that has no parent, sibling or child there.
const NONE: u32 = u32::MAX;

/// The bit of a [`NodeId`] that marks the text of a [`Value::Short`] element, which has no
/// node of its own.
const HELD_TEXT: u32 = 1 << 31;

/// The elements that hold their text themselves while it is their only child (and they have
/// no attributes): a paragraph of a page of many short ones is one node, not two.
const SHORT: [&str; 16] = [
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "b", "i", "em", "span",
];

/// [`SHORT`] as the tree builder names elements.
static SHORT_NAMES: std::sync::LazyLock<Vec<LocalName>> =
    std::sync::LazyLock::new(|| SHORT.iter().map(|n| LocalName::from(*n)).collect());

/// Where a node stands in its [`Tree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The node's place among its tree's nodes, `0..`[`Tree::len`]: for tables by node.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node is.
#[derive(Debug)]
enum Value {
    /// The document (the tree's root) or a template's contents.
    Document,
    /// A doctype, comment or processing instruction: nothing a reader of the page reads.
    Other,
    Text(StrTendril),
    /// An element of [`SHORT`] (`SHORT[name]`), in the HTML namespace and without attributes,
    /// whose only child is `text`: the text is held here, not in a node of its own (the
    /// readers of the tree see it as the element's one text child). Given any other child,
    /// it becomes an [`Value::Element`] with a text node.
    Short {
        name: u8,
        text: StrTendril,
    },
    Element {
        name: LocalName,
        /// Which of [`NAMESPACES`] the element is in.
        ns: u8,
        /// Its attributes: `attrs[start..start + len]` of the tree.
        start: u32,
        len: u32,
    },
}

/// The namespaces the HTML5 tree builder puts elements in.
static NAMESPACES: std::sync::LazyLock<[Namespace; 3]> =
    std::sync::LazyLock::new(|| [ns!(html), ns!(svg), ns!(mathml)]);

/// The name of a node that is not an element (the tree builder never asks for one).
static NO_NAME: std::sync::LazyLock<LocalName> = std::sync::LazyLock::new(|| LocalName::from(""));

#[derive(Debug)]
struct Node {
    parent: u32,
    prev: u32,
    next: u32,
    first: u32,
    last: u32,
    value: Value,
}

/// A parsed page.
#[derive(Debug)]
pub struct Tree {
    nodes: Vec<Node>,
    /// Every element's attributes, name and value, each element's sorted by name.
    attrs: Vec<(LocalName, StrTendril)>,
    /// Nodes taken out of a parent so far (a move changes what their text is under).
    moves: u64,
    /// The last [`Tree::as_written`] answer: its parent, `moves` then, and the answer.
    asked: Option<(u32, u64, bool)>,
}

impl Tree {
    fn new(nodes: usize) -> Tree {
        let mut tree = Tree {
            nodes: Vec::with_capacity(nodes.max(1)),
            attrs: Vec::new(),
            moves: 0,
            asked: None,
        };
        tree.orphan(Value::Document);
        tree
    }

    /// The document node, whose children are the page.
    pub fn root(&self) -> NodeRef<'_> {
        NodeRef {
            tree: self,
            id: NodeId(0),
        }
    }

    /// How many nodes the tree has.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The node `id`, when it is in this tree.
    pub fn get(&self, id: NodeId) -> Option<NodeRef<'_>> {
        let i = (id.0 & !HELD_TEXT) as usize;
        let there = i < self.nodes.len()
            && (id.0 & HELD_TEXT == 0 || matches!(self.nodes[i].value, Value::Short { .. }));
        there.then_some(NodeRef { tree: self, id })
    }

    fn node(&self, i: u32) -> &Node {
        &self.nodes[i as usize]
    }

    fn node_mut(&mut self, i: u32) -> &mut Node {
        &mut self.nodes[i as usize]
    }

    /// A new node with no parent.
    fn orphan(&mut self, value: Value) -> u32 {
        // A page is refused far below 4 GB, so its nodes always number fewer than `NONE`.
        let id = u32::try_from(self.nodes.len()).unwrap_or(NONE - 1);
        self.nodes.push(Node {
            parent: NONE,
            prev: NONE,
            next: NONE,
            first: NONE,
            last: NONE,
            value,
        });
        id
    }

    /// Takes `child` out of its parent's children, when it has a parent.
    fn detach(&mut self, child: u32) {
        let Node {
            parent, prev, next, ..
        } = *self.node(child);
        if parent == NONE {
            return;
        }
        self.moves += 1;
        if prev == NONE {
            self.node_mut(parent).first = next;
        } else {
            self.node_mut(prev).next = next;
        }
        if next == NONE {
            self.node_mut(parent).last = prev;
        } else {
            self.node_mut(next).prev = prev;
        }
        let n = self.node_mut(child);
        (n.parent, n.prev, n.next) = (NONE, NONE, NONE);
    }

    /// Makes `child` (taken out of its old parent) the last child of `parent`.
    fn append(&mut self, parent: u32, child: u32) {
        self.unfold(parent);
        self.detach(child);
        let last = self.node(parent).last;
        {
            let n = self.node_mut(child);
            (n.parent, n.prev, n.next) = (parent, last, NONE);
        }
        if last == NONE {
            self.node_mut(parent).first = child;
        } else {
            self.node_mut(last).next = child;
        }
        self.node_mut(parent).last = child;
    }

    /// Puts `child` (taken out of its old parent) just before `sibling`, which has a parent.
    fn insert_before(&mut self, sibling: u32, child: u32) {
        self.detach(child);
        let Node { parent, prev, .. } = *self.node(sibling);
        {
            let n = self.node_mut(child);
            (n.parent, n.prev, n.next) = (parent, prev, sibling);
        }
        self.node_mut(sibling).prev = child;
        if prev == NONE {
            self.node_mut(parent).first = child;
        } else {
            self.node_mut(prev).next = child;
        }
    }

    /// Adds `text` to the text node `i`, when it is one.
    fn join_text(&mut self, i: u32, text: &StrTendril) -> bool {
        if i == NONE {
            return false;
        }
        match &mut self.node_mut(i).value {
            Value::Text(t) => {
                t.push_tendril(text);
                true
            }
            _ => false,
        }
    }

    fn element_name(&self, i: u32) -> Option<&str> {
        match &self.node(i).value {
            Value::Element { name, .. } => Some(name),
            Value::Short { name, .. } => Some(SHORT[usize::from(*name)]),
            _ => None,
        }
    }

    /// Gives a [`Value::Short`] element `i` its text as a node of its own, before it takes
    /// another child.
    fn unfold(&mut self, i: u32) {
        let Value::Short { name, .. } = self.node(i).value else {
            return;
        };
        let element = Value::Element {
            name: SHORT_NAMES[usize::from(name)].clone(),
            ns: 0,
            start: 0,
            len: 0,
        };
        let Value::Short { text, .. } = std::mem::replace(&mut self.node_mut(i).value, element)
        else {
            return;
        };
        let t = self.orphan(Value::Text(text));
        self.append(i, t);
    }

    /// Adds `text` under `parent`: held by an empty [`SHORT`] element, joined to the text
    /// before it, or as a text node. `false` when it is whitespace left out after a block.
    fn add_text(&mut self, parent: u32, text: StrTendril) {
        let empty = self.node(parent).first == NONE;
        let node = self.node_mut(parent);
        match &mut node.value {
            Value::Short { text: held, .. } => {
                held.push_tendril(&text);
                return;
            }
            Value::Element {
                name,
                ns: 0,
                len: 0,
                ..
            } if empty => {
                if let Some(k) = SHORT.iter().position(|s| **s == **name) {
                    node.value = Value::Short {
                        name: k as u8,
                        text,
                    };
                    return;
                }
            }
            _ => {}
        }
        let last = self.node(parent).last;
        if self.join_text(last, &text) || self.needless_space(parent, last, &text) {
            return;
        }
        let t = self.orphan(Value::Text(text));
        self.append(parent, t);
    }

    /// Whether whitespace `text` put after `prev` under `parent` can be left out: it follows a
    /// block element, in an element whose text is not kept as written.
    fn needless_space(&mut self, parent: u32, prev: u32, text: &str) -> bool {
        if prev == NONE
            || !text.bytes().all(|b| b.is_ascii_whitespace())
            || !self.element_name(prev).is_some_and(block)
        {
            return false;
        }
        !self.as_written(parent)
    }

    /// Whether text under `parent` is kept as written (it is in a `<pre>` or the like). The
    /// answer for the last parent asked of is kept until a node is moved, so a run of
    /// paragraphs in one element, however deep, is not a walk up the tree each.
    fn as_written(&mut self, parent: u32) -> bool {
        if let Some((p, moves, answer)) = self.asked
            && p == parent
            && moves == self.moves
        {
            return answer;
        }
        let kept_as_written = |i: u32| {
            self.element_name(i)
                .is_some_and(|n| matches!(n, "pre" | "textarea" | "listing" | "plaintext" | "xmp"))
        };
        let answer = kept_as_written(parent) || self.ancestors_of(parent).any(kept_as_written);
        self.asked = Some((parent, self.moves, answer));
        answer
    }

    /// The ancestors of node `i`, nearest first.
    fn ancestors_of(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let up = |i: u32| Some(self.node(i).parent).filter(|&p| p != NONE);
        std::iter::successors(up(i), move |&p| up(p))
    }
}

/// Whether the element `name` is a block: text after it starts on a new line, so whitespace
/// right after it is never seen. (Not every element that is not inline: whitespace after a
/// `<meta>` or `<img>` amid text is a space between words.)
fn block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "pre"
            | "hr"
            | "address"
            | "details"
            | "summary"
    )
}

/// A node of a [`Tree`], to read it and walk from it.
#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'a> {
    tree: &'a Tree,
    id: NodeId,
}

impl PartialEq for NodeRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && std::ptr::eq(self.tree, other.tree)
    }
}

impl Eq for NodeRef<'_> {}

/// What a node holds, as its readers ask for it.
#[derive(Debug, Clone, Copy)]
pub struct NodeValue<'a> {
    tree: &'a Tree,
    value: &'a Value,
    /// The node is the text a [`Value::Short`] `value` holds.
    held: bool,
}

/// An element: its name and attributes.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    name: &'a str,
    attrs: &'a [(LocalName, StrTendril)],
}

impl<'a> Element<'a> {
    /// The tag name, lower case.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The attributes, `(name, value)`, sorted by name.
    pub fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.attrs.iter().map(|(k, v)| (&**k, &**v))
    }
}

impl<'a> NodeValue<'a> {
    /// The element this node is, if it is one.
    pub fn as_element(&self) -> Option<Element<'a>> {
        match self.value {
            Value::Short { name, .. } if !self.held => Some(Element {
                name: SHORT[usize::from(*name)],
                attrs: &[],
            }),
            Value::Element {
                name, start, len, ..
            } => Some(Element {
                name,
                attrs: &self.tree.attrs[*start as usize..(*start + *len) as usize],
            }),
            _ => None,
        }
    }

    /// The text this node is, if it is a text node.
    pub fn as_text(&self) -> Option<&'a str> {
        match self.value {
            Value::Text(t) => Some(t),
            Value::Short { text, .. } if self.held => Some(text),
            _ => None,
        }
    }

    /// Whether the node is an element.
    pub fn is_element(&self) -> bool {
        match self.value {
            Value::Element { .. } => true,
            Value::Short { .. } => !self.held,
            _ => false,
        }
    }
}

impl<'a> NodeRef<'a> {
    /// Where the node stands in its tree.
    pub fn id(&self) -> NodeId {
        self.id
    }

    /// The tree the node is in.
    pub fn tree(&self) -> &'a Tree {
        self.tree
    }

    /// What the node holds.
    pub fn value(&self) -> NodeValue<'a> {
        NodeValue {
            tree: self.tree,
            value: &self.links().value,
            held: self.held(),
        }
    }

    /// Whether the node is the text a [`Value::Short`] element holds.
    fn held(&self) -> bool {
        self.id.0 & HELD_TEXT != 0
    }

    fn at(&self, i: u32) -> Option<NodeRef<'a>> {
        (i != NONE).then_some(NodeRef {
            tree: self.tree,
            id: NodeId(i),
        })
    }

    /// The node's entry in the tree (the element's, for the text it holds).
    fn links(&self) -> &'a Node {
        self.tree.node(self.id.0 & !HELD_TEXT)
    }

    pub fn parent(&self) -> Option<NodeRef<'a>> {
        if self.held() {
            return self.at(self.id.0 & !HELD_TEXT);
        }
        self.at(self.links().parent)
    }

    pub fn first_child(&self) -> Option<NodeRef<'a>> {
        if self.held() {
            return None;
        }
        if let Value::Short { .. } = self.links().value {
            return self.at(self.id.0 | HELD_TEXT);
        }
        self.at(self.links().first)
    }

    pub fn next_sibling(&self) -> Option<NodeRef<'a>> {
        if self.held() {
            return None;
        }
        self.at(self.links().next)
    }

    pub fn prev_sibling(&self) -> Option<NodeRef<'a>> {
        if self.held() {
            return None;
        }
        self.at(self.links().prev)
    }

    /// The node's children, in order.
    pub fn children(&self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        std::iter::successors(self.first_child(), NodeRef::next_sibling)
    }

    /// The siblings after the node, nearest first.
    pub fn next_siblings(&self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        std::iter::successors(self.next_sibling(), NodeRef::next_sibling)
    }

    /// The siblings before the node, nearest first.
    pub fn prev_siblings(&self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        std::iter::successors(self.prev_sibling(), NodeRef::prev_sibling)
    }

    /// The node's ancestors, its parent first.
    pub fn ancestors(&self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        std::iter::successors(self.parent(), NodeRef::parent)
    }

    /// The node and everything under it, in document order.
    pub fn descendants(&self) -> impl Iterator<Item = NodeRef<'a>> + 'a {
        self.traverse().filter_map(|edge| match edge {
            Edge::Open(n) => Some(n),
            Edge::Close(_) => None,
        })
    }

    /// The node and everything under it as opening and closing edges, in document order.
    pub fn traverse(&self) -> Traverse<'a> {
        Traverse {
            root: *self,
            next: Some(Edge::Open(*self)),
        }
    }
}

/// A step of a walk through a subtree: a node entered, or left once its children are done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge<'a> {
    Open(NodeRef<'a>),
    Close(NodeRef<'a>),
}

/// The walk [`NodeRef::traverse`] makes, without recursion.
pub struct Traverse<'a> {
    root: NodeRef<'a>,
    next: Option<Edge<'a>>,
}

impl<'a> Iterator for Traverse<'a> {
    type Item = Edge<'a>;

    fn next(&mut self) -> Option<Edge<'a>> {
        let edge = self.next?;
        self.next = match edge {
            Edge::Open(n) => Some(match n.first_child() {
                Some(c) => Edge::Open(c),
                None => Edge::Close(n),
            }),
            Edge::Close(n) if n.id == self.root.id => None,
            Edge::Close(n) => match (n.next_sibling(), n.parent()) {
                (Some(s), _) => Some(Edge::Open(s)),
                (None, Some(p)) => Some(Edge::Close(p)),
                (None, None) => None,
            },
        };
        Some(edge)
    }
}

/// Parses a whole page. The tree is made room for at once, as many nodes as the page has `<`
/// and a few more: grown by doubling, the vector of a 50 MB page was copied while the old one
/// was still held.
pub fn parse_document(html: StrTendril) -> Tree {
    use html5ever::tendril::TendrilSink;
    html5ever::driver::parse_document(Sink::new(room(&html)), Default::default()).one(html)
}

/// Parses a fragment of HTML as the inside of a `<body>`.
pub fn parse_fragment(html: &str) -> Tree {
    use html5ever::tendril::TendrilSink;
    let body = QualName::new(None, ns!(html), html5ever::local_name!("body"));
    html5ever::driver::parse_fragment(
        Sink::new(room(html)),
        Default::default(),
        body,
        Vec::new(),
        false,
    )
    .one(html)
}

/// The nodes a page needs room for: each `<` opens at most one element (and its text), and the
/// elements the parser adds itself are few.
fn room(html: &str) -> usize {
    memchr::memchr_iter(b'<', html.as_bytes()).count() + 64
}

/// What html5ever builds the [`Tree`] through.
pub struct Sink {
    tree: RefCell<Tree>,
    quirks: Cell<QuirksMode>,
}

impl Sink {
    fn new(nodes: usize) -> Sink {
        Sink {
            tree: RefCell::new(Tree::new(nodes)),
            quirks: Cell::new(QuirksMode::NoQuirks),
        }
    }

    fn add_text(&self, parent: u32, text: StrTendril) {
        self.tree.borrow_mut().add_text(parent, text);
    }
}

/// An element's name as the tree builder asks for it, many times an element (its scope
/// checks look down the stack of open elements): borrowed, not copied.
#[derive(Debug)]
pub struct Name<'a> {
    ns: &'static Namespace,
    local: std::cell::Ref<'a, LocalName>,
}

impl html5ever::tree_builder::ElemName for Name<'_> {
    fn ns(&self) -> &Namespace {
        self.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Tree;
    type ElemName<'a> = Name<'a>;

    fn finish(self) -> Tree {
        self.tree.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId(0)
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name<'a> {
        let tree = self.tree.borrow();
        let ns = match &tree.node(target.0).value {
            Value::Element { ns, .. } => &NAMESPACES[usize::from(*ns)],
            _ => &NAMESPACES[0],
        };
        let local = std::cell::Ref::map(tree, |t| match &t.node(target.0).value {
            Value::Element { name, .. } => name,
            Value::Short { name, .. } => &SHORT_NAMES[usize::from(*name)],
            _ => &*NO_NAME,
        });
        Name { ns, local }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let mut tree = self.tree.borrow_mut();
        let ns = NAMESPACES.iter().position(|n| *n == name.ns).unwrap_or(0) as u8;
        let start = tree.attrs.len();
        tree.attrs
            .extend(attrs.into_iter().map(|a| (a.name.local, a.value)));
        tree.attrs[start..].sort_by(|a, b| str::cmp(&a.0, &b.0));
        let template = name.ns == ns!(html) && &*name.local == "template";
        let len = (tree.attrs.len() - start) as u32;
        let id = tree.orphan(Value::Element {
            name: name.local,
            ns,
            start: start as u32,
            len,
        });
        if template {
            // A template's contents go in a fragment of their own, its first child.
            let contents = tree.orphan(Value::Document);
            tree.append(id, contents);
        }
        NodeId(id)
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        NodeId(self.tree.borrow_mut().orphan(Value::Other))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        NodeId(self.tree.borrow_mut().orphan(Value::Other))
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(c) => self.tree.borrow_mut().append(parent.0, c.0),
            NodeOrText::AppendText(text) => self.add_text(parent.0, text),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.tree.borrow().node(element.0).parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut tree = self.tree.borrow_mut();
        let d = tree.orphan(Value::Other);
        tree.append(0, d);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let first = self.tree.borrow().node(target.0).first;
        NodeId(if first == NONE { target.0 } else { first })
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        if tree.node(sibling.0).parent == NONE {
            if let NodeOrText::AppendNode(c) = new_node {
                tree.detach(c.0);
            }
            return;
        }
        match new_node {
            NodeOrText::AppendNode(c) => tree.insert_before(sibling.0, c.0),
            NodeOrText::AppendText(text) => {
                let prev = tree.node(sibling.0).prev;
                if !tree.join_text(prev, &text) {
                    let t = tree.orphan(Value::Text(text));
                    tree.insert_before(sibling.0, t);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut tree = self.tree.borrow_mut();
        tree.unfold(target.0);
        let Value::Element { start, len, .. } = tree.node(target.0).value else {
            return;
        };
        let (start, len) = (start as usize, len as usize);
        let missing: Vec<_> = attrs
            .into_iter()
            .filter(|a| {
                !tree.attrs[start..start + len]
                    .iter()
                    .any(|(k, _)| *k == a.name.local)
            })
            .map(|a| (a.name.local, a.value))
            .collect();
        if missing.is_empty() {
            return;
        }
        // The element's attributes move to the end of the table with the new ones (this
        // happens only to `<html>` and `<body>`, once or twice a page).
        let new_start = tree.attrs.len();
        let old: Vec<_> = tree.attrs[start..start + len].to_vec();
        tree.attrs.extend(old);
        tree.attrs.extend(missing);
        tree.attrs[new_start..].sort_by(|a, b| str::cmp(&a.0, &b.0));
        let new_len = tree.attrs.len() - new_start;
        if let Value::Element { start, len, .. } = &mut tree.node_mut(target.0).value {
            (*start, *len) = (new_start as u32, new_len as u32);
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.tree.borrow_mut().detach(target.0);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut tree = self.tree.borrow_mut();
        tree.unfold(node.0);
        while tree.node(node.0).first != NONE {
            let c = tree.node(node.0).first;
            tree.append(new_parent.0, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Tree {
        parse_document(StrTendril::from_slice(html))
    }

    /// The tree as tags and texts, in document order.
    fn shape(tree: &Tree) -> String {
        let mut out = String::new();
        for edge in tree.root().traverse() {
            match edge {
                Edge::Open(n) => {
                    if let Some(e) = n.value().as_element() {
                        out.push_str(&format!("<{}", e.name()));
                        for (k, v) in e.attrs() {
                            out.push_str(&format!(" {k}={v}"));
                        }
                        out.push('>');
                    } else if let Some(t) = n.value().as_text() {
                        out.push_str(&format!("[{t}]"));
                    }
                }
                Edge::Close(n) => {
                    if let Some(e) = n.value().as_element() {
                        out.push_str(&format!("</{}>", e.name()));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn a_node_is_48_bytes() {
        // What the module's promise (and README's figures) rest on.
        assert!(
            std::mem::size_of::<Node>() <= 48,
            "{}",
            std::mem::size_of::<Node>()
        );
    }

    #[test]
    fn a_page_parses_as_a_browser_builds_it() {
        let tree = page("<title>T</title><p class=a id=b>One <b>two</p><p>three");
        assert_eq!(
            shape(&tree),
            "<html><head><title>[T]</title></head><body><p class=a id=b>[One ]<b>[two]</b></p>\
             <p><b>[three]</b></p></body></html>"
        );
    }

    #[test]
    fn misnested_formatting_is_moved_as_the_adoption_agency_says() {
        // `</b>` inside `<p>` inside `<b>`: the paragraph moves out of the bold element.
        let tree = page("<b>1<p>2</b>3</p>");
        assert_eq!(
            shape(&tree),
            "<html><head></head><body><b>[1]</b><p><b>[2]</b>[3]</p></body></html>"
        );
    }

    #[test]
    fn text_before_a_table_is_fostered_out_of_it() {
        let tree = page("<table>x<tr><td>y</td></tr></table>");
        assert_eq!(
            shape(&tree),
            "<html><head></head><body>[x]<table><tbody><tr><td>[y]</td></tr></tbody></table>\
             </body></html>"
        );
    }

    #[test]
    fn whitespace_after_a_block_is_left_out_but_not_in_pre_or_between_words() {
        let tree = page(
            "<div><p>a</p>\n  <b>x</b> <i>y</i><meta>\n<i>z</i></div><pre><p>q</p>\n  z</pre>",
        );
        assert_eq!(
            shape(&tree),
            "<html><head></head><body><div><p>[a]</p><b>[x]</b>[ ]<i>[y]</i><meta></meta>\
             [\n]<i>[z]</i></div><pre><p>[q]</p>[\n  z]</pre></body></html>"
        );
    }

    #[test]
    fn whitespace_in_an_element_moved_into_a_pre_is_kept() {
        // The formatting element `<b>` is reopened inside `<pre>` after the misnested `</b>`;
        // whitespace after a block in it is asked of twice, before and after nodes move.
        let tree = page("<div><b><p>a</p>\n<pre><p>b</p>\n</b><p>c</p>\n z</pre></div>");
        let texts: Vec<_> = tree
            .root()
            .descendants()
            .filter_map(|n| n.value().as_text())
            .collect();
        assert_eq!(texts, ["a", "b", "\n", "c", "\n z"], "{}", shape(&tree));
    }

    #[test]
    fn a_paragraph_of_text_alone_holds_it_and_reads_as_a_text_child() {
        let tree = page("<p>one</p><p>two <b>bold</b></p><p class=x>three</p><li>four");
        assert_eq!(
            shape(&tree),
            "<html><head></head><body><p>[one]</p><p>[two ]<b>[bold]</b></p><p class=x>[three]\
             </p><li>[four]</li></body></html>"
        );
        let p = tree.root().descendants().find(|n| {
            n.value().is_element() && { n.value().as_element().is_some_and(|e| e.name() == "p") }
        });
        let p = p.unwrap();
        // The first paragraph and the item hold their texts: one node each, no text nodes.
        let held = |n: &NodeRef<'_>| matches!(n.links().value, Value::Short { .. });
        assert!(held(&p));
        let text = p.first_child().unwrap();
        assert_eq!(text.value().as_text(), Some("one"));
        assert!(!text.value().is_element());
        assert_eq!(text.parent().unwrap().id(), p.id());
        assert!(text.next_sibling().is_none() && text.first_child().is_none());
        assert_eq!(tree.get(text.id()).unwrap().value().as_text(), Some("one"));
        // The second gave its text a node when the bold element came.
        let second = p.next_sibling().unwrap();
        assert!(!held(&second));
        assert_eq!(second.children().count(), 2);
        // 11 nodes: document, html, head, body, four elements, `two `, `b` and `bold`.
        assert_eq!(tree.len(), 11, "{}", shape(&tree));
    }

    #[test]
    fn a_held_text_goes_with_its_element_when_the_tree_builder_moves_it() {
        // `</b>` misnested in a paragraph: the adoption agency moves the paragraph's children.
        let tree = page("<b><p>x</b>y</p><table><td>z</table>");
        assert_eq!(
            shape(&tree),
            "<html><head></head><body><b></b><p><b>[x]</b>[y]</p><table><tbody><tr><td>[z]</td>\
             </tr></tbody></table></body></html>"
        );
    }

    #[test]
    fn attributes_added_to_body_later_join_its_own() {
        let tree = page("<body class=x><p>a<body id=y class=z>");
        let body = tree
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
            .unwrap();
        let attrs: Vec<_> = body.value().as_element().unwrap().attrs().collect();
        assert_eq!(attrs, vec![("class", "x"), ("id", "y")]);
    }

    #[test]
    fn text_shares_the_page_buffer_when_it_comes_in_one_piece() {
        let html = StrTendril::from_slice(&format!("<p>{}</p>", "word ".repeat(100)));
        let page = html.as_bytes().as_ptr_range();
        let tree = parse_document(html.clone());
        let text = tree
            .root()
            .descendants()
            .find_map(|n| n.value().as_text())
            .unwrap();
        assert_eq!(text, "word ".repeat(100));
        // Not a copy: the text is a slice of the page's own buffer.
        assert!(page.contains(&text.as_ptr()));
    }

    #[test]
    fn a_walk_visits_every_node_once_each_way() {
        let tree = page("<ul><li>a<li>b</ul><p>c");
        let (mut open, mut close) = (0, 0);
        for edge in tree.root().traverse() {
            match edge {
                Edge::Open(_) => open += 1,
                Edge::Close(_) => close += 1,
            }
        }
        assert_eq!(open, close);
        assert_eq!(open, tree.root().descendants().count());
        let li = tree
            .root()
            .descendants()
            .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "li"));
        let second = li.last().unwrap();
        assert_eq!(second.prev_siblings().count(), 1);
        assert_eq!(second.ancestors().count(), 4);
    }

    #[test]
    fn a_fragment_parses_as_the_inside_of_a_body() {
        let tree = parse_fragment("<p>a</p><td>b");
        assert_eq!(shape(&tree), "<html><p>[a]</p>[b]</html>");
    }
}
