// Public keys made with ssh-keygen for these tests (public halves only).
export const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJFlvomkLL+SyqtpTU/W/oHcnV8XRJetqHYVtXWjOkKc test@vd';
export const RSA =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC1Av8wPhMMH/VUFzLALjyCLAiwMI/6XE+GkjSZ92/1lWAOUhFAYr/DeOhfjvizWOepIj9/qxNq+OFIfPbpJLHC1/z9u7a7QdKboj2uaZ90ZaPS70wNnAdVsBMyWKx96FAHU/f0/Zl7bF2dZsWBl8PVBEbK/Rg6JM1/UiURLFwmkQ== rsa@vd';
export const ECDSA =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNkLSad+lqSfZyGbjVwbtsnKpX/5//egfpqaOLeVp5QFpLLf4tn1VfdLt4Uh6xtX1ChgQILuJ0BM/xfKrNAR74M= ec@vd';
