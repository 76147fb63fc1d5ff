use super::*;

pub(super) fn cycles(cx: &mut Ctx) {
    let cat = &cx.loaded.catalog;
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    let mut where_: HashMap<String, (&Path, Range<usize>)> = HashMap::new();
    for qn in &cat.questionnaires {
        for q in &qn.questions {
            let id = q.full_id(&qn.id);
            let conds = conditions(qn, q);
            if let Some(first) = conds.first() {
                where_.insert(id.clone(), (&qn.path, first.span.clone()));
            }
            let targets = conds
                .iter()
                .flat_map(|e| e.refs())
                .filter(|r| matches!(resolve(cat, cx.loaded, &qn.id, r), Target::Found(..)))
                .map(|r| r.full_id(&qn.id))
                .collect();
            edges.insert(id, targets);
        }
    }
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut reported: HashSet<Vec<String>> = HashSet::new();
    let mut found = Vec::new();
    let mut keys: Vec<&String> = edges.keys().collect();
    keys.sort();
    for start in keys {
        let mut stack: Vec<&str> = Vec::new();
        dfs(start, &edges, &mut state, &mut stack, &mut found);
    }
    for cycle in found {
        let mut key = cycle.clone();
        key.sort();
        if !reported.insert(key) {
            continue;
        }
        let Some((path, span)) = where_.get(&cycle[0]).cloned() else {
            continue;
        };
        let mut shown = cycle.clone();
        shown.push(cycle[0].clone());
        cx.error(
            Code::ShowIfCycle,
            path,
            span,
            &[("cycle", &shown.join(" → "))],
        );
    }
}

/// Depth-first from `start`, recording every cycle met. Iterative, with an
/// explicit stack: a chain of 100,000 conditions overflowed the call stack.
pub(super) fn dfs<'a>(
    start: &'a str,
    edges: &'a HashMap<String, Vec<String>>,
    state: &mut HashMap<&'a str, u8>,
    stack: &mut Vec<&'a str>,
    found: &mut Vec<Vec<String>>,
) {
    let mut on_stack: HashMap<&'a str, usize> = HashMap::new();
    // The node, and how many of its edges have been followed.
    let mut frames: Vec<(&'a str, usize)> = Vec::new();
    let mut visit = |node: &'a str,
                     state: &mut HashMap<&'a str, u8>,
                     stack: &mut Vec<&'a str>,
                     frames: &mut Vec<(&'a str, usize)>| {
        match state.get(node) {
            Some(2) => {}
            Some(1) => {
                if let Some(&pos) = on_stack.get(node) {
                    found.push(stack[pos..].iter().map(|s| s.to_string()).collect());
                }
            }
            _ => {
                state.insert(node, 1);
                on_stack.insert(node, stack.len());
                stack.push(node);
                frames.push((node, 0));
            }
        }
    };
    visit(start, state, stack, &mut frames);
    while let Some((node, i)) = frames.last_mut() {
        let node: &'a str = node;
        let next = edges.get(node).and_then(|e| e.get(*i));
        *i += 1;
        match next {
            Some(next) => visit(next, state, stack, &mut frames),
            None => {
                frames.pop();
                stack.pop();
                state.insert(node, 2);
            }
        }
    }
}
