pub mod fuzzing;
