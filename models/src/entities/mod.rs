//! One module per table (and per view), as SeaORM lays entities out.

pub mod activitylog;
pub mod ansiequipmentspecification;
pub mod ansistandard;
pub mod brand;
pub mod catalog_listing;
pub mod category;
pub mod customer;
pub mod etimclass;
pub mod oshastandard;
pub mod product;
pub mod productclassification;
pub mod productinventory;
pub mod productpricing;
pub mod productspecification;
pub mod quotation;
pub mod quotationitem;
pub mod rfpdocument;
pub mod supplier;
pub mod taskhazardmapping;
pub mod toolriskclassification;
pub mod unspsccode;
pub mod workrecommendation;
