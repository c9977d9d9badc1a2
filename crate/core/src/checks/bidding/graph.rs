//! The co-bidding network: firms as nodes, edges with the reasons that link them.

use crate::checks::Dataset;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct CoBiddingGraph {
    pub nodes: Vec<serde_json::Value>,
    pub edges: Vec<serde_json::Value>,
}

pub fn build(data: &Dataset) -> CoBiddingGraph {
    let _ = data;
    CoBiddingGraph::default()
}
