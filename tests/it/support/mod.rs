pub mod fuzzing;
pub mod locks;
pub mod screen;
