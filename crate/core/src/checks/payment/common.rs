//! What the payment checks share: contracts with the payments made under them.

use crate::checks::Dataset;
use crate::kinds::contract::Contract;
use crate::kinds::payment::Payment;
use crate::verify::VerifiedRecord;
use std::collections::BTreeMap;

/// A filed contract (the last record per 合同编号 and project) with its payments in date order.
pub(crate) struct ContractPayments<'a> {
    pub record: &'a VerifiedRecord,
    pub contract: &'a Contract,
    pub payments: Vec<(&'a VerifiedRecord, &'a Payment)>,
}

pub(crate) fn contracts_with_payments<'a>(data: &Dataset<'a>) -> Vec<ContractPayments<'a>> {
    let mut latest: BTreeMap<(Option<&str>, &str), (&VerifiedRecord, &Contract)> = BTreeMap::new();
    for (r, c) in data.all::<Contract>() {
        latest.insert((r.record.project.as_deref(), c.contract_no.as_str()), (r, c));
    }
    latest
        .into_iter()
        .map(|((project, no), (record, contract))| {
            let mut payments: Vec<_> = data
                .for_contract::<Payment>(no)
                .filter(|(r, _)| {
                    project.is_none() || r.record.project.is_none() || r.record.project.as_deref() == project
                })
                .collect();
            crate::order::sort_by_key(&mut payments, |(r, p)| (p.paid_date, r.record.time));
            ContractPayments { record, contract, payments }
        })
        .collect()
}
