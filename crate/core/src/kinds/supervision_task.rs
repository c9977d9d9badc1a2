//! 联合监管任务 joint supervision task.

use super::fields::{self, str_enum, DeptId, Ident, Name, ProjectCode, Text};
use super::{BodyError, Validate};
use crate::read::read_struct;
use crate::time::Date;
use serde::Serialize;

str_enum! {
    /// 任务类型
    pub enum TaskMode ("a task mode", "任务类型") {
        /// 联合监管任务
        Task = "task" "联合监管任务",
        /// 案件联办
        Case = "case" "案件联办",
    }
}

/// 联合监管任务 a joint supervision task launched by a lead department (often 纪委监委) with others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupervisionTask {
    /// 任务编号: problems cite it
    pub task_id: Ident,
    pub title: Name,
    /// 牵头部门
    pub lead_dept: DeptId,
    /// 参与部门
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub participating_depts: Vec<DeptId>,
    /// 监管范围
    pub scope: Text,
    /// 涉及项目
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectCode>,
    #[serde(with = "fields::date")]
    pub start_date: Date,
    #[serde(skip_serializing_if = "Option::is_none", with = "fields::opt_date")]
    pub due_date: Option<Date>,
    /// 联合监管任务 or 案件联办 (absent in records before format 1.1: a task)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<TaskMode>,
}

read_struct!(SupervisionTask {
    task_id = "任务编号",
    title = "任务名称",
    lead_dept = "牵头部门",
    participating_depts: or_empty = "参与部门",
    scope = "监管范围",
    projects: or_empty = "涉及项目",
    start_date = "开始日期",
    due_date = "完成期限",
    mode = "任务类型",
});

impl Validate for SupervisionTask {
    fn validate(&self) -> Result<(), BodyError> {
        match self.due_date {
            Some(due) => super::not_before(due, self.start_date, "$.due_date", "start_date"),
            None => Ok(()),
        }
    }
}
