//! `Shared<T>`: what the worker answered, held once and shared by the state and the
//! components. Two are equal when they are the same answer (the same allocation), never by
//! comparing their contents: Yew compares state and props on every render, and a deep
//! comparison of a million units would stall the page. Structs holding them derive
//! `PartialEq`, so no field can be forgotten by a hand-written comparison.

use std::ops::Deref;
use std::rc::Rc;

#[derive(Debug, Default)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }

    /// An identity for memo keys: the same answer gives the same number.
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_only_when_the_same_value() {
        let a = Shared::new(vec![1, 2]);
        let b = a.clone();
        assert!(a == b);
        assert_eq!(a.id(), b.id());
        // The same contents, another answer: not equal.
        assert!(a != Shared::new(vec![1, 2]));
        assert_eq!(a.len(), 2);
    }
}
