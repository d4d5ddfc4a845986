#![no_main]
//! Anonymisation leaks nothing: the input split at the first 0x1E byte is a people and a ties
//! table; the network built from them is anonymised and written as every export format. No name,
//! key or attribute value of the input (5 characters or more) may appear in any output, unless it
//! also appears in the outputs of the same network with every name, key and value replaced by a
//! placeholder (words such as "public" or "internal" that every output holds).

use infonet_core::analysis::anonymize::anonymized;
use infonet_core::i18n::Lang;
use infonet_core::io::export::{people_csv, raw_graph_of, ties_csv};
use infonet_core::model::Network;
use libfuzzer_sys::fuzz_target;

fn outputs(network: &Network) -> String {
    let anon = anonymized(network, Lang::En);
    let raw = raw_graph_of(&anon, None);
    [
        people_csv(&anon),
        ties_csv(&anon),
        infonet_core::io::graphml::write_graphml(&raw),
        infonet_core::io::gexf::write_gexf(&raw),
        infonet_core::io::json_graph::write_node_link(&raw),
    ]
    .concat()
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0x1E).unwrap_or(data.len());
    let (people, ties) = data.split_at(split);
    let people = infonet_core::io::parse_people(people).ok();
    let Ok(ties) = infonet_core::io::parse_ties(ties.get(1..).unwrap_or_default()) else { return };
    let (network, _) = infonet_core::io::build_network("Kari Nordmann", people, ties);
    let mut secrets: Vec<String> = vec![network.name.clone()];
    let mut placeholder = network.clone();
    placeholder.name = "placeholder".into();
    let ids: Vec<_> = network.person_ids().collect();
    for (i, id) in ids.iter().enumerate() {
        let Some(person) = network.person(*id) else { continue };
        secrets.push(person.key.clone());
        secrets.push(person.name.clone());
        secrets.extend(person.attributes.iter().map(|(_, v)| v.clone()));
        placeholder.rekey(*id, format!("\u{25a0}{i}"));
        if let Some(p) = placeholder.person_mut(*id) {
            p.name = format!("\u{25a0}{i}");
            p.attributes = p.attributes.iter().map(|(k, _)| (k.clone(), String::new())).collect();
        }
    }
    let written = outputs(&network);
    let vocabulary = outputs(&placeholder);
    for secret in secrets {
        let secret = secret.trim();
        if secret.chars().count() < 5 || vocabulary.contains(secret) {
            continue;
        }
        assert!(!written.contains(secret), "{secret:?} survives anonymisation");
    }
});
