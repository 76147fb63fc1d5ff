pub mod fuzzing;
pub mod locks;
